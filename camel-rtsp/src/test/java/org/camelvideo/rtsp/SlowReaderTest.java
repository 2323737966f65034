package org.camelvideo.rtsp;

import java.util.concurrent.TimeUnit;

import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.RawRtsp;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Live semantics: a reader that stops reading costs the others nothing and is let go. */
class SlowReaderTest {

    @Test
    void stuckReaderDoesNotSlowOthersAndIsDisconnected() throws Exception {
        try (Server server = new Server("writeTimeout=3000&maxQueueBytes=262144").feed(Clip.hd(30, 10), false);
             RawRtsp stuck = new RawRtsp(server.port, 4096)) {
            stuck.play(server.url);
            // The stuck reader never reads again; a real player decodes in real time meanwhile.
            ServerFfmpegTest.assertPlaysInRealTime(server.url);
            RtspProducer producer = (RtspProducer) server.producer();
            long deadline = System.currentTimeMillis() + 15_000;
            while (producer.getStuckReaders() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(producer.getReaderDrops()).as("frames dropped for the stuck reader").isPositive();
            assertThat(producer.getStuckReaders()).as("stuck readers disconnected").isEqualTo(1);
            assertThat(stuck.isClosedByPeer()).isTrue();
        }
    }

    /**
     * A reader that stops reading at a low bitrate, with the kernel's buffers free to grow: the
     * server's own socket buffer must not hold minutes of stream in front of the reader's queue,
     * or the reader would play that far behind live before it is let go.
     */
    @Test
    void aStuckReaderOfALowBitrateStreamIsLetGoWithinSeconds() throws Exception {
        try (Server server = new Server("writeTimeout=2000&maxQueueBytes=131072").feed(Clip.small(30, 10), false);
             RawRtsp stuck = new RawRtsp(server.port)) {
            stuck.play(server.url);
            long start = System.nanoTime();
            RtspProducer producer = (RtspProducer) server.producer();
            long deadline = System.currentTimeMillis() + 40_000;
            while (producer.getStuckReaders() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(producer.getStuckReaders()).as("stuck readers disconnected").isEqualTo(1);
            assertThat(seconds).as("seconds until the stuck reader was let go").isLessThan(15);
        }
    }
}
