package org.camelvideo.mjpeg;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds, failing with {@code what} after {@code seconds}. */
public final class Await {

    private Await() {
    }

    public static void until(int seconds, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("Not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
