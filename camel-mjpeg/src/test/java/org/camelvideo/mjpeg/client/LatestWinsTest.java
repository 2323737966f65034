package org.camelvideo.mjpeg.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestWinsTest {

    @Test
    void theNewestReplacesOneNotYetTakenAndIsCounted() throws Exception {
        LatestWins<String> slot = new LatestWins<>();
        slot.offer("a");
        slot.offer("b");
        slot.offer("c");
        assertThat(slot.take()).isEqualTo("c");
        slot.offer("d");
        assertThat(slot.take()).isEqualTo("d");
        assertThat(slot.skipped()).isEqualTo(2);
    }

    @Test
    void takeWaitsForAnItemAndCloseEndsIt() throws Exception {
        LatestWins<String> slot = new LatestWins<>();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> take(slot));
        Thread.sleep(100);
        assertThat(first).isNotDone();
        slot.offer("a");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a");

        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> take(slot));
        Thread.sleep(100);
        slot.close();
        assertThat(second.get(5, TimeUnit.SECONDS)).isNull();
        slot.offer("late");
        assertThat(slot.take()).as("nothing after close").isNull();
    }

    @Test
    void closeDropsWhatStillWaits() throws Exception {
        LatestWins<String> slot = new LatestWins<>();
        slot.offer("a");
        slot.close();
        assertThat(slot.take()).isNull();
    }

    private static String take(LatestWins<String> slot) {
        try {
            return slot.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
