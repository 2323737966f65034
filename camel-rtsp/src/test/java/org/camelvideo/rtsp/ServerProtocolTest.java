package org.camelvideo.rtsp;

import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.RawRtsp;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 2326 method handling and status codes, request by request. */
class ServerProtocolTest {

    @Test
    void optionsListsMethodsAndEchoesCSeq() throws Exception {
        try (Server server = new Server(""); RawRtsp c = new RawRtsp(server.port)) {
            c.writeRaw("OPTIONS * RTSP/1.0\r\nCSeq: 41\r\n\r\n");
            RawRtsp.Response r = c.read();
            assertThat(r.status).isEqualTo(200);
            assertThat(r.header("CSeq")).isEqualTo("41");
            assertThat(r.header("Public")).contains("DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER",
                                                    "SET_PARAMETER");
        }
    }

    @Test
    void describeGivesRfc6184AndRfc3640Sdp() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), true); RawRtsp c = new RawRtsp(server.port)) {
            Thread.sleep(300);
            RawRtsp.Response r = c.request("DESCRIBE", server.url, "Accept: application/sdp");
            assertThat(r.status).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/sdp");
            assertThat(r.header("Content-Base")).isEqualTo(server.url + "/");
            assertThat(r.body).contains("m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000", "packetization-mode=1",
                                        "profile-level-id=", "sprop-parameter-sets=", "a=framesize:96 1280-720",
                                        "a=control:trackID=0", "m=audio 0 RTP/AVP 97", "a=rtpmap:97 MPEG4-GENERIC/44100/2",
                                        "mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1210",
                                        "a=control:trackID=1");
        }
    }

    @Test
    void unknownPathIs404() throws Exception {
        try (Server server = new Server(""); RawRtsp c = new RawRtsp(server.port)) {
            assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:" + server.port + "/nothing").status).isEqualTo(404);
            assertThat(c.request("SETUP", "rtsp://127.0.0.1:" + server.port + "/nothing/trackID=0",
                                 "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").status).isEqualTo(404);
        }
    }

    @Test
    void statusCodesWhereTheyApply() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), true); RawRtsp c = new RawRtsp(server.port)) {
            Thread.sleep(300);
            String track0 = server.url + "/trackID=0";
            assertThat(c.request("SETUP", track0, "Transport: RTP/AVP;multicast;port=5000-5001").status)
                    .as("multicast").isEqualTo(461);
            assertThat(c.request("SETUP", track0, "Transport: RTP/SAVP;unicast;client_port=5000-5001").status)
                    .as("SRTP").isEqualTo(461);
            assertThat(c.request("PLAY", server.url, "Session: 12345").status).as("unknown session").isEqualTo(454);
            assertThat(c.request("PLAY", server.url).status).as("no session").isEqualTo(454);
            RawRtsp.Response setup = c.request("SETUP", track0, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(setup.status).isEqualTo(200);
            assertThat(setup.header("Transport")).startsWith("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=");
            String session = setup.header("Session").split(";")[0];
            assertThat(setup.header("Session")).endsWith(";timeout=60");
            assertThat(c.request("SETUP", server.url + "/trackID=1", "Session: " + session,
                                 "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").status).isEqualTo(200);
            assertThat(c.request("PLAY", track0, "Session: " + session).status).as("aggregate").isEqualTo(459);
            RawRtsp.Response play = c.request("PLAY", server.url, "Session: " + session);
            assertThat(play.status).isEqualTo(200);
            assertThat(play.header("RTP-Info")).contains("url=" + track0 + ";seq=", "url=" + server.url + "/trackID=1;");
            assertThat(c.request("SETUP", track0, "Session: " + session,
                                 "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").status).as("SETUP while playing")
                    .isEqualTo(455);
            assertThat(c.request("FOO", server.url).status).isEqualTo(501);
            assertThat(c.request("GET_PARAMETER", server.url, "Session: " + session).status).isEqualTo(200);
            assertThat(c.request("SET_PARAMETER", server.url, "Session: " + session).status).isEqualTo(200);
            assertThat(c.request("PAUSE", server.url, "Session: " + session).status).isEqualTo(200);
            assertThat(c.request("PLAY", server.url, "Session: " + session).status).isEqualTo(200);
            // The first packets after PLAY: an RTCP sender report on each RTCP channel, then media.
            c.drain(500);
            assertThat(c.firstChannels).contains(1, 3, 0, 2);
            assertThat(c.firstChannels.indexOf(1)).isLessThan(c.firstChannels.indexOf(0));
            assertThat(c.request("TEARDOWN", server.url, "Session: " + session).status).isEqualTo(200);
            assertThat(c.request("PLAY", server.url, "Session: " + session).status).as("after TEARDOWN").isEqualTo(454);
            assertThat(((RtspProducer) server.producer()).getReaderCount()).isZero();
        }
    }

    @Test
    void malformedRequestGets400AndTheConnectionCloses() throws Exception {
        try (Server server = new Server(""); RawRtsp c = new RawRtsp(server.port); RawRtsp other = new RawRtsp(server.port)) {
            c.writeRaw("DESCRIBE\u0001 rtsp://x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -5\r\n\r\n");
            RawRtsp.Response r = c.read();
            assertThat(r.status).isEqualTo(400);
            assertThat(c.isClosedByPeer()).isTrue();
            assertThat(other.request("OPTIONS", server.url).status).as("other connections unaffected").isEqualTo(200);
        }
    }

    @Test
    void requestWithoutCSeqGets400() throws Exception {
        try (Server server = new Server(""); RawRtsp c = new RawRtsp(server.port)) {
            c.writeRaw("OPTIONS * RTSP/1.0\r\n\r\n");
            assertThat(c.read().status).isEqualTo(400);
        }
    }

    @Test
    void sessionTimesOutUnlessKeptAliveByOptionsOrGetParameter() throws Exception {
        try (Server server = new Server("sessionTimeout=2").feed(Clip.hd(30, 10), false);
             RawRtsp idle = new RawRtsp(server.port); RawRtsp alive = new RawRtsp(server.port)) {
            idle.play(server.url);
            String session = alive.play(server.url);
            for (int i = 0; i < 8; i++) {
                alive.drain(500);
                String method = i % 2 == 0 ? "OPTIONS" : "GET_PARAMETER";
                assertThat(alive.request(method, server.url, "Session: " + session).status).isEqualTo(200);
            }
            assertThat(idle.isClosedByPeer()).as("the idle session's connection").isTrue();
            assertThat(((RtspProducer) server.producer()).getReaderCount()).isEqualTo(1);
        }
    }

    @Test
    void receiverReportsAloneKeepASessionAlive() throws Exception {
        // An RTCP receiver report (RFC 3550 6.4.2) with no report blocks, on the interleaved RTCP channel.
        byte[] rr = { '$', 1, 0, 8, (byte) 0x80, (byte) 201, 0, 1, 0x12, 0x34, 0x56, 0x78 };
        try (Server server = new Server("sessionTimeout=2").feed(Clip.hd(30, 10), false);
             RawRtsp reader = new RawRtsp(server.port)) {
            reader.play(server.url);
            for (int i = 0; i < 8; i++) {
                reader.drain(500);
                reader.writeRaw(rr);
            }
            assertThat(((RtspProducer) server.producer()).getReaderCount()).isEqualTo(1);
            assertThat(reader.drain(500)).isPositive();
        }
    }

    @Test
    void closedConnectionFreesItsSession() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false)) {
            RtspProducer producer = (RtspProducer) server.producer();
            try (RawRtsp c = new RawRtsp(server.port)) {
                c.play(server.url);
                assertThat(producer.getReaderCount()).isEqualTo(1);
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (producer.getReaderCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(producer.getReaderCount()).isZero();
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket takenUdp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Producer tcp = context.getEndpoint("rtsp://127.0.0.1:" + port + "/live").createProducer();
            assertThatThrownBy(tcp::start).hasMessageContaining("RTSP server cannot listen on 127.0.0.1:" + port
                                                                + ": Address already in use");
            int free = AvailablePortFinder.getNextAvailable();
            Producer udp = context.getEndpoint("rtsp://127.0.0.1:" + free + "/live?udpPort=" + takenUdp.getLocalPort()).createProducer();
            assertThatThrownBy(udp::start).hasMessageContaining("RTSP server's RTP over UDP cannot listen on 127.0.0.1:"
                                                                + takenUdp.getLocalPort() + ": Address already in use");
            assertThatThrownBy(() -> new Socket("127.0.0.1", free).close()).as("the TCP port it bound is let go")
                    .isInstanceOf(ConnectException.class);
        } finally {
            context.stop();
        }
    }

    @Test
    void wrongBodyTypeIsAClearErrorAndReadersKeepPlaying() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false); RawRtsp reader = new RawRtsp(server.port)) {
            reader.play(server.url);
            assertThatThrownBy(() -> server.send("not a frame")).hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .rootCause().hasMessageContaining("MediaPacket").hasMessageContaining("java.lang.String");
            assertThat(reader.drain(1000)).as("frames after the bad exchange").isGreaterThan(20);
        }
    }

    /** A picture or text converted to bytes is no H.264: the exchange fails saying what it looks like. */
    @Test
    void aByteArrayThatIsNotAnnexBH264IsAClearErrorAndReadersKeepPlaying() throws Exception {
        Path jpeg = Path.of("target", "test-media", "picture.jpg");
        Files.createDirectories(jpeg.getParent());
        Peers.Result made = Peers.run(30, Peers.ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48",
                                      "-frames:v", "1", jpeg.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        try (Server server = new Server("").feed(Clip.hd(30, 10), false); RawRtsp reader = new RawRtsp(server.port)) {
            reader.play(server.url);
            assertThatThrownBy(() -> server.send(Files.readAllBytes(jpeg))).rootCause()
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Annex-B H.264: no start code")
                    .hasMessageContaining("starts with FF D8 FF").hasMessageContaining("JPEG image");
            assertThatThrownBy(() -> server.send("not a frame".getBytes(StandardCharsets.UTF_8))).rootCause()
                    .hasMessageContaining("not Annex-B H.264").hasMessageContaining("text");
            assertThat(reader.drain(1000)).as("frames after the bad exchanges").isGreaterThan(20);
        }
    }

    @Test
    void withoutGopCacheAJoiningReaderWaitsForAKeyframeAndTheEncoderIsAskedForOne() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        KeyframeRequester requester = requests::incrementAndGet;
        try (Server server = new Server("gopCache=false"); RawRtsp reader = new RawRtsp(server.port)) {
            List<MediaPacket> video = Clip.hd(30, 10).video();
            Exchange first = server.endpoint().createExchange();
            first.setProperty(MediaHeaders.KEYFRAME_REQUESTER, requester);
            first.getIn().setBody(video.get(0));
            server.producer().process(first);
            reader.play(server.url);
            long deadline = System.currentTimeMillis() + 2000;
            while (requests.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(requests.get()).isEqualTo(1);
            for (int i = 1; i < 30; i++) {
                server.send(video.get(i));
            }
            server.send(video.get(30));
            assertThat(video.get(30).isKeyframe()).isTrue();
            reader.drain(300);
            assertThat(reader.firstChannels).as("nothing but sender reports before the keyframe").startsWith(1);
            assertThat(reader.interleavedFrames).isGreaterThan(1);
        }
    }

    @Test
    void oversizedFramesAreDroppedAndCounted() throws Exception {
        try (Server server = new Server("maxFrameLength=2000").feed(Clip.hd(30, 10), false)) {
            Thread.sleep(1000);
            RtspProducer producer = (RtspProducer) server.producer();
            assertThat(producer.getOversizeFrames()).isPositive();
            assertThat(producer.getFrames()).isLessThan(35);
        }
    }

    @Test
    void endpointsOnOneHostPortShareOneServerClosedWithTheLast() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            Endpoint a = context.getEndpoint("rtsp://127.0.0.1:" + port + "/a");
            Endpoint b = context.getEndpoint("rtsp://127.0.0.1:" + port + "/b");
            Producer pa = a.createProducer();
            Producer pb = b.createProducer();
            pa.start();
            pb.start();
            try (RawRtsp c = new RawRtsp(port)) {
                assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:" + port + "/c").status).isEqualTo(404);
            }
            pa.stop();
            try (RawRtsp c = new RawRtsp(port)) {
                assertThat(c.request("OPTIONS", "rtsp://127.0.0.1:" + port + "/b").status).isEqualTo(200);
            }
            Endpoint again = context.getEndpoint("rtsp://127.0.0.1:" + port + "/b?gopCache=false");
            Producer duplicate = again.createProducer();
            assertThatThrownBy(duplicate::start).hasMessageContaining("already served");
            pb.stop();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        } finally {
            context.stop();
        }
    }

    @Test
    void noThreadLeftAfterTheContextStops() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false); RawRtsp c = new RawRtsp(server.port)) {
            c.play(server.url);
            c.drain(300);
        }
        assertNoThreadLeft();
    }

    /**
     * No event loop or route thread of the component is left once its threads on their way
     * out have had 5 s to go; the survivors' stacks are in the failure.
     */
    static void assertNoThreadLeft() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (rtspThreads() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rtspThreads()).as(ServerProtocolTest::rtspThreadDump).isZero();
    }

    private static String rtspThreadDump() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("camel-rtsp") || t.getName().contains("route[")) {
                out.append(t.getName()).append('\n');
                for (StackTraceElement e : stack) {
                    out.append("  at ").append(e).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static long rtspThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("camel-rtsp") || t.getName().contains("route[")).count();
    }
}
