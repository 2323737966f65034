package org.camelvideo.rtsp;

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
}
