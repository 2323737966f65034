package org.camelvideo.rtsp;

import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.FfmpegReader;
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
            // The stuck reader never reads again; a real player decodes 150 frames meanwhile.
            long start = System.nanoTime();
            try (FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 150)) {
                assertThat(reader.waitFor(30)).as(reader.output()).isZero();
                double seconds = (System.nanoTime() - start) / 1e9;
                ServerFfmpegTest.assertDecoded(reader, 150, 1280, 720);
                // 150 frames at 30 fps take 5 s, less the GOP cache burst, plus FFmpeg's start.
                assertThat(seconds).as("time for 150 frames").isLessThan(7.5);
            }
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
