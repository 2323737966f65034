package org.camelvideo.camera.source;

import java.util.concurrent.TimeUnit;

/**
 * Holds a source to real time: a frame stamped {@code pts} is released no earlier than
 * {@code pts} after the first one was. A source that falls behind is not made to catch up by
 * bursting; it is re-anchored, so a stall shows as a stall.
 */
final class Pacer {

    private static final long MAX_LAG_MICROS = 500_000;

    private long anchorNanos;
    private long anchorPts;
    private boolean anchored;

    void await(long ptsMicros) throws InterruptedException {
        long now = System.nanoTime();
        if (!anchored) {
            anchor(now, ptsMicros);
            return;
        }
        long due = anchorNanos + TimeUnit.MICROSECONDS.toNanos(ptsMicros - anchorPts);
        long wait = due - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        } else if (-wait > TimeUnit.MICROSECONDS.toNanos(MAX_LAG_MICROS)) {
            anchor(now, ptsMicros);
        }
    }

    private void anchor(long now, long ptsMicros) {
        anchorNanos = now;
        anchorPts = ptsMicros;
        anchored = true;
    }
}
