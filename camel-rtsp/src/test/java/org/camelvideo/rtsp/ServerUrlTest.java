package org.camelvideo.rtsp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream URLs players are given: a stream at the root path, and a URL with a query of the reader's own. */
class ServerUrlTest {

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void ffprobePlaysVideoAndAudioServedAtTheRootPath(String transport) throws Exception {
        try (Server server = new Server("/", "").feed(Clip.hd(30, 10), true)) {
            assertThat(server.url).endsWith("/");
            assertDecodesVideoAndAudio(server.url, transport);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void rtspsrcPlaysAStreamServedAtTheRootPath(String protocol) throws Exception {
        String gst = Peers.require("gst-launch-1.0", "gstreamer1.0-tools");
        try (Server server = new Server("/", "").feed(Clip.hd(30, 10), true)) {
            Peers.Result result = Peers.run(30, gst, "-v", "rtspsrc", "location=" + server.url, "protocols=" + protocol, "!",
                                            "rtph264depay", "!", "h264parse", "!", "avdec_h264", "!", "fakesink",
                                            "num-buffers=30", "sync=false");
            assertThat(result.output()).contains("Got EOS", "width=(int)1280", "height=(int)720");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "TCP", "UDP" })
    void ourClientPullsAStreamServedAtTheRootPath(String transport) throws Exception {
        try (Server server = new Server("/", "").feed(Clip.hd(30, 10), true);
             ClientTest.Pull pull = new ClientTest.Pull(server.url + "?transport=" + transport)) {
            List<MediaPacket> video = pull.await(p -> p.codec() == Codec.H264, 60, 20);
            ClientTest.assertPlayable(video, "root-" + transport, 1280, 720);
            assertThat(pull.await(p -> p.codec() == Codec.AAC, 20, 5)).hasSize(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void aQueryInTheReadersUrlDoesNotMixUpTheTracks(String transport) throws Exception {
        try (Server server = new Server("/live", "").feed(Clip.hd(30, 10), true)) {
            assertDecodesVideoAndAudio(server.url + "?foo=bar", transport);
        }
    }

    /** A path named in Chinese with a space: players send it percent-encoded (UTF-8), and the log shows it so. */
    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void aPathWithSpacesAndNonAsciiLettersPlaysPercentEncoded(String transport) throws Exception {
        try (Server server = new Server("/摄像头 1", "").feed(Clip.hd(30, 10), true)) {
            RtspEndpoint endpoint = (RtspEndpoint) server.endpoint();
            String encoded = "rtsp://127.0.0.1:" + server.port + "/%E6%91%84%E5%83%8F%E5%A4%B4%201";
            assertThat(endpoint.displayUrl("127.0.0.1")).isEqualTo(encoded);
            assertDecodesVideoAndAudio(encoded, transport);
        }
    }

    /** ffprobe decodes 1280x720 H.264 pictures and AAC frames from the first 150 packets of {@code url}. */
    private static void assertDecodesVideoAndAudio(String url, String transport) throws Exception {
        Peers.Result result = Peers.run(20, Peers.ffprobe(), "-v", "error", "-rtsp_transport", transport, "-read_intervals",
                                        "%+#150", "-count_frames", "-show_entries",
                                        "stream=codec_name,codec_type,width,height,nb_read_frames", "-of", "csv=p=0", url);
        assertThat(result.exitCode()).as(result.output()).isZero();
        Matcher video = Pattern.compile("h264,video,1280,720,(\\d+)").matcher(result.output());
        Matcher audio = Pattern.compile("aac,audio,(\\d+)").matcher(result.output());
        assertThat(video.find() && audio.find()).as(result.output()).isTrue();
        assertThat(Integer.parseInt(video.group(1))).as("pictures decoded").isGreaterThan(30);
        assertThat(Integer.parseInt(audio.group(1))).as("audio frames decoded").isGreaterThan(30);
    }
}
