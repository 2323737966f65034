package org.camelvideo.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GStreamer's RTSP client ({@code rtspsrc}, Debian's gstreamer1.0-plugins-good) plays our server
 * and decodes with libav's H.264 or H.265 decoder: a second client implementation beside FFmpeg's.
 */
class ServerGstreamerTest {

    @ParameterizedTest
    @CsvSource({ "h264,tcp", "h264,udp", "h265,tcp", "h265,udp" })
    void rtspsrcDecodes60Frames(String codec, String protocol) throws Exception {
        String gst = Peers.require("gst-launch-1.0", "gstreamer1.0-tools");
        Clip clip = codec.equals("h265") ? Clip.hevc(30, 10) : Clip.hd(30, 10);
        try (Server server = new Server("").feed(clip, true)) {
            Peers.Result result = Peers.run(60, gst, "-v", "rtspsrc", "location=" + server.url, "protocols=" + protocol, "!",
                                            "rtp" + codec + "depay", "!", codec + "parse", "!", "avdec_" + codec, "!",
                                            "videoconvert", "!",
                                            "video/x-raw,format=I420", "!", "fakesink", "num-buffers=60", "sync=false");
            String output = result.output();
            int eos = output.indexOf("Got EOS");
            assertThat(eos).as(output).isNotNegative();
            assertThat(output.substring(0, eos)).contains("width=(int)1280").contains("height=(int)720").doesNotContain("ERROR");
            if (result.exitCode() != 0) {
                // About one full suite in ten, rtspsrc's TEARDOWN after EOS ends in "Could not send message (Received
                // end-of-file)" and gst-launch exits 1, with every frame decoded and no close logged by our server; it
                // never happened in isolation, nor with both cores kept busy. That one error, after EOS, is let pass;
                // any other, or any before EOS, fails.
                String afterEos = output.substring(eos);
                assertThat(afterEos.lines().filter(l -> l.contains("ERROR"))).as(output)
                        .allMatch(l -> l.startsWith("ERROR: from element /GstPipeline:pipeline0/GstRTSPSrc:rtspsrc0:"));
                assertThat(afterEos).as(output).contains("Could not send message").contains("Received end-of-file");
            }
        }
    }
}
