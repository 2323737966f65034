package org.camelvideo.rtmp.client;

import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A write left without a flush goes out at the next flush, or at the deadline after the last one. */
class FlushDeadlineTest {

    private static final long DEADLINE = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void aWriteWithoutAFlushGoesOutAtTheDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlushDeadline(DEADLINE));
        ch.freezeTime();
        ch.writeAndFlush("video");
        ch.write("audio");
        assertThat((String) ch.readOutbound()).isEqualTo("video");
        assertThat((String) ch.readOutbound()).as("held").isNull();

        ch.advanceTimeBy(99, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat((String) ch.readOutbound()).as("before the deadline").isNull();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat((String) ch.readOutbound()).isEqualTo("audio");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void eachFlushMovesTheDeadlineSoAFlowingStreamNeverMeetsIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlushDeadline(DEADLINE));
        ch.freezeTime();
        for (int frame = 0; frame < 10; frame++) {
            ch.write("audio " + frame);
            ch.writeAndFlush("video " + frame);
            ch.advanceTimeBy(33, TimeUnit.MILLISECONDS);
            assertThat(ch.runScheduledPendingTasks()).as("the next deadline, in ns from now").isEqualTo(DEADLINE - 33_000_000L);
            assertThat((String) ch.readOutbound()).isEqualTo("audio " + frame);
            assertThat((String) ch.readOutbound()).isEqualTo("video " + frame);
        }
        assertThat(ch.finish()).isFalse();
    }
}
