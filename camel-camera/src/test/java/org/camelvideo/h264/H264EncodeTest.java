package org.camelvideo.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.jpeg.FrameConverters;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.TestStreams;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.media.aac.Adts;
import org.camelvideo.media.aac.AudioSpecificConfig;
import org.camelvideo.media.h264.H264Sps;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camera:testsrc through h264:encode, checked by FFmpeg's own demuxers and decoders. */
class H264EncodeTest {

    @TempDir
    Path dir;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private List<Object> capture(String from, String to, int count) throws Exception {
        List<Object> bodies = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to).process(e -> {
                    if (bodies.size() < count) {
                        bodies.add(e.getMessage().getBody());
                    }
                });
            }
        });
        context.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bodies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        context.stop();
        assertThat(bodies).as("packets out of the route").hasSize(count);
        return bodies;
    }

    private Path writeAnnexB(List<Object> packets) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : packets) {
            out.write(((MediaPacket) p).payload());
        }
        Path file = dir.resolve("out.h264");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void testsrcEncodesToH264ThatFfmpegDecodesFrameForFrame() throws Exception {
        List<Object> packets = capture("camera:testsrc?width=320&height=240&fps=30&realtime=false",
                                       "h264:encode?gop=10&bitrate=500000", 60);
        for (int i = 0; i < packets.size(); i++) {
            MediaPacket p = (MediaPacket) packets.get(i);
            assertThat(p.codec()).isEqualTo(Codec.H264);
            assertThat(p.isKeyframe()).as("keyframe flag of packet %d", i).isEqualTo(i % 10 == 0);
            assertThat(p.config().width()).isEqualTo(320);
            assertThat(p.ptsMicros()).isEqualTo(i * 1_000_000L / 30);
        }
        MediaProbe.Result result = MediaProbe.probe(writeAnnexB(packets).toString(), "h264");
        assertThat(result.videoCodec()).isEqualTo("h264");
        assertThat(result.videoFrames()).isEqualTo(60);
        assertThat(result.width()).isEqualTo(320);
        assertThat(result.height()).isEqualTo(240);
        assertThat(result.keyframes()).containsExactly(0, 10, 20, 30, 40, 50);
    }

    @Test
    void everyKeyframeCarriesSpsAndPpsInBand() throws Exception {
        List<Object> packets = capture("camera:testsrc?width=160&height=120&realtime=false", "h264:encode?gop=5", 16);
        for (Object o : packets) {
            MediaPacket p = (MediaPacket) o;
            if (p.isKeyframe()) {
                assertThat(org.camelvideo.media.h264.H264AccessUnit.parameterSets(p.payload())).isEqualTo(p.config());
                assertThat(H264Sps.parse(p.config().sps()).width()).isEqualTo(160);
            }
        }
    }

    @Test
    void nv21CameraFramesEncode() throws Exception {
        List<Object> packets = capture("camera:testsrc?width=320&height=180&pixelFormat=NV21&realtime=false",
                                       "h264:encode", 30);
        MediaProbe.Result result = MediaProbe.probe(writeAnnexB(packets).toString(), "h264");
        assertThat(result.videoFrames()).isEqualTo(30);
        assertThat(result.height()).isEqualTo(180);
    }

    @Test
    void sizeChangeReopensTheEncoderWithNewParameterSets() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        List<Object> packets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int w = i < 10 ? 320 : 640;
            int h = i < 10 ? 240 : 360;
            VideoFrame frame = new VideoFrame(w, h, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(w, h)],
                                              i * 33_333L, i);
            packets.add(template.requestBody("h264:encode?gop=100", frame));
        }
        MediaPacket switched = (MediaPacket) packets.get(10);
        assertThat(switched.isKeyframe()).isTrue();
        assertThat(switched.config().width()).isEqualTo(640);
        assertThat(switched.config().height()).isEqualTo(360);
        assertThat(((MediaPacket) packets.get(9)).config().width()).isEqualTo(320);
        MediaProbe.Result result = MediaProbe.probe(writeAnnexB(packets).toString(), "h264");
        assertThat(result.videoFrames()).isEqualTo(20);
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.keyframes()).containsExactly(0, 10);
    }

    @Test
    void keyframeOnRequestByHeaderAndByTheRequesterProperty() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        List<Boolean> keys = new ArrayList<>();
        KeyframeRequester requester = null;
        for (int i = 0; i < 12; i++) {
            VideoFrame frame = new VideoFrame(160, 120, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(160, 120)],
                                              i * 33_333L, i);
            int n = i;
            if (n == 7 && requester != null) {
                requester.requestKeyframe();
            }
            org.apache.camel.Exchange out = template.request("h264:encode?gop=1000", e -> {
                e.getMessage().setBody(frame);
                if (n == 4) {
                    e.getMessage().setHeader(MediaHeaders.REQUEST_KEYFRAME, true);
                }
            });
            requester = out.getProperty(MediaHeaders.KEYFRAME_REQUESTER, KeyframeRequester.class);
            keys.add(out.getMessage().getHeader(MediaHeaders.KEYFRAME, Boolean.class));
            assertThat(out.getMessage().getHeader(MediaHeaders.REQUEST_KEYFRAME)).isNull();
        }
        assertThat(keys).containsExactly(true, false, false, false, true, false, false, true, false, false, false, false);
    }

    @Test
    void testsrcAudioEncodesToAacThatFfmpegDecodes() throws Exception {
        List<Object> all = capture("camera:testsrc?width=160&height=120&audio=true&realtime=false", "h264:encode", 200);
        ByteArrayOutputStream adts = new ByteArrayOutputStream();
        int aac = 0;
        for (Object o : all) {
            MediaPacket p = (MediaPacket) o;
            if (p.codec() == Codec.AAC) {
                AudioSpecificConfig asc = AudioSpecificConfig.parse(p.config().audioSpecificConfig());
                assertThat(asc.sampleRate()).isEqualTo(48000);
                assertThat(asc.channels()).isEqualTo(2);
                adts.write(Adts.header(asc, p.payload().length));
                adts.write(p.payload());
                aac++;
            }
        }
        assertThat(aac).as("AAC packets among %d", all.size()).isGreaterThan(50);
        Path file = dir.resolve("out.aac");
        Files.write(file, adts.toByteArray());
        MediaProbe.Result result = MediaProbe.probe(file.toString(), "aac");
        assertThat(result.audioCodec()).isEqualTo("aac");
        assertThat(result.sampleRate()).isEqualTo(48000);
        assertThat(result.channels()).isEqualTo(2);
        assertThat(result.audioFrames()).isEqualTo(aac);
    }

    @Test
    void decodeGivesBackFramesOfTheEncodedSize() throws Exception {
        List<Object> frames = capture("camera:testsrc?width=320&height=240&realtime=false",
                                      "h264:encode", 1);
        context = new DefaultCamelContext();
        context.start();
        Object decoded = context.createProducerTemplate().requestBody("h264:decode?pixelFormat=BGR24", frames.get(0));
        assertThat(decoded).isInstanceOf(VideoFrame.class);
        VideoFrame frame = (VideoFrame) decoded;
        assertThat(frame.width()).isEqualTo(320);
        assertThat(frame.format()).isEqualTo(PixelFormat.BGR24);
    }

    /** An MJPEG camera's pictures (JPEG byte[], as mjpeg: emits them) decoded and encoded again as H.264, their times kept. */
    @Test
    void decodeReadsJpegPicturesSoAnMjpegCameraCanBeEncodedAsH264() throws Exception {
        byte[] jpeg = FrameConverters.toJpeg(new VideoFrame(352, 288, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(352, 288)], 0, 0),
                                             null);
        List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:camera").to("h264:decode").to("h264:encode?gop=10")
                        .process(e -> packets.add(e.getMessage().getBody(MediaPacket.class)));
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        for (int i = 0; i < 5; i++) {
            template.sendBodyAndHeader("direct:camera", jpeg, MediaHeaders.TIMESTAMP, i * 100_000L);
        }
        assertThat(packets).hasSize(5);
        assertThat(packets.get(0).codec()).isEqualTo(Codec.H264);
        assertThat(packets.get(0).isKeyframe()).isTrue();
        assertThat(packets.get(0).config().width()).isEqualTo(352);
        assertThat(packets.get(0).config().height()).isEqualTo(288);
        assertThat(packets).extracting(MediaPacket::ptsMicros).containsExactly(0L, 100_000L, 200_000L, 300_000L, 400_000L);
    }

    @Test
    void decodeReadsH265PacketsToo() throws Exception {
        List<byte[]> units = TestStreams.h265AccessUnits("x265-640x360.h265");
        context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        int decoded = 0;
        for (int i = 0; i < units.size(); i++) {
            MediaPacket packet = new MediaPacket(Codec.H265, units.get(i), i * 33_333L, i * 33_333L, i == 0, null);
            Object body = template.requestBody("h264:decode", packet);
            if (body instanceof VideoFrame) {
                assertThat(((VideoFrame) body).width()).isEqualTo(640);
                assertThat(((VideoFrame) body).height()).isEqualTo(360);
                decoded++;
            }
        }
        assertThat(decoded).as("pictures of the 4 access units").isEqualTo(4);
    }

    @Test
    void wrongBodyTypeNamesWhatWasReceivedAndWhatIsExpected() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        assertThatThrownBy(() -> template.requestBody("h264:encode", "hello"))
                .isInstanceOf(CamelExecutionException.class).cause()
                .hasMessageContaining("h264:encode needs a org.camelvideo.media.VideoFrame or org.camelvideo.media.AudioFrame")
                .hasMessageContaining("received java.lang.String");
        assertThatThrownBy(() -> template.requestBody("h264:decode", 42))
                .cause().hasMessageContaining("received java.lang.Integer");
        // A JPEG from an MJPEG camera, say: named as Java writes it, not as the JVM does ([B).
        assertThatThrownBy(() -> template.requestBody("h264:encode", new byte[] { (byte) 0xff, (byte) 0xd8 }))
                .cause().hasMessageContaining("received byte[]");
    }

    @Test
    void unknownEncoderOperationAndOptionAreNamed() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        VideoFrame frame = new VideoFrame(64, 64, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(64, 64)], 0, 0);
        assertThatThrownBy(() -> template.requestBody("h264:encode?encoder=libx999", frame))
                .cause().hasMessageContaining("Encoder libx999 is not in this FFmpeg build");
        for (String hardware : List.of("h264_vaapi", "h264_nvenc", "h264_v4l2m2m")) {
            // No GPU and no Pi hardware here: each must say what is missing rather than fail obscurely.
            assertThatThrownBy(() -> template.requestBody("h264:encode?encoder=" + hardware, frame))
                    .cause().hasMessageContaining(hardware).satisfiesAnyOf(
                            e -> assertThat(e).hasMessageContaining("no usable VAAPI device at /dev/dri/renderD128"),
                            e -> assertThat(e).hasMessageContaining("Opening the " + hardware + " encoder at 64x64: "),
                            e -> assertThat(e).hasMessageContaining("is not in this FFmpeg build for linux-x86_64"));
        }
        VideoFrame uhd8k = new VideoFrame(7680, 4320, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(7680, 4320)], 0, 0);
        assertThatThrownBy(() -> template.requestBody("h264:encode?encoder=libopenh264", uhd8k))
                .cause().hasMessageContaining("libopenh264 encodes at most 9437184 pixels a frame (4096x2304), and 7680x4320 is more");
        assertThatThrownBy(() -> template.requestBody("h264:transcode", frame))
                .hasStackTraceContaining("Unknown h264 operation 'transcode'");
        assertThatThrownBy(() -> template.requestBody("h264:encode?bitrat=5", frame))
                .hasStackTraceContaining("bitrat");
        VideoFrame tiny = new VideoFrame(2, 2, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(2, 2)], 0, 0);
        assertThatThrownBy(() -> template.requestBody("h264:encode?encoder=libopenh264", tiny))
                .cause().hasMessageContaining("libopenh264 encodes frames of at least 16x16 pixels, and 2x2 is smaller");
    }

    /** Settings no encoder takes fail the route as it starts, rather than each frame with an error in the log. */
    @Test
    void settingsNoEncoderTakesFailTheRouteAtStart() {
        Map<String, String> problems = Map.of(
                "encoder=libx265", "Encoder libx265 is not in this FFmpeg build",
                "bitrate=-5", "h264:encode bitrate must be a positive number of bit/s, got -5",
                "gop=0", "h264:encode gop must be at least 1 frame (1: every frame a keyframe), got 0",
                "threads=-3", "h264:encode threads must be 0 (automatic) or more, got -3",
                "profile=ultra", "Unknown H.264 profile 'ultra': use baseline, main or high");
        problems.forEach((option, message) -> {
            context = new DefaultCamelContext();
            assertThatThrownBy(() -> {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("camera:testsrc?width=160&height=120").to("h264:encode?" + option);
                    }
                });
                context.start();
            }).as(option).hasStackTraceContaining(message);
            context.stop();
        });
    }
}
