package org.camelvideo.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraConsumerTest {

    @TempDir
    Path dir;

    private CamelContext context;
    private final List<Object> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private CameraConsumer start(String uri, long processingMillis) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("cam").process(e -> {
                    bodies.add(e.getMessage().getBody());
                    if (processingMillis > 0) {
                        Thread.sleep(processingMillis);
                    }
                });
            }
        });
        context.start();
        return (CameraConsumer) context.getRoute("cam").getConsumer();
    }

    private static void await(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CameraConsumerTest.class.getResource("/" + name).toURI());
    }

    @Test
    void testsrcIsLiveAtItsRateAndSize() throws Exception {
        start("camera:testsrc?width=320&height=180&fps=25", 0);
        Thread.sleep(1000);
        int count = bodies.size();
        // 25 fps for one second, give or take scheduling on a loaded machine.
        assertThat(count).isBetween(20, 28);
        VideoFrame first = (VideoFrame) bodies.get(0);
        VideoFrame second = (VideoFrame) bodies.get(1);
        assertThat(first.width()).isEqualTo(320);
        assertThat(first.height()).isEqualTo(180);
        assertThat(second.ptsMicros()).isEqualTo(40_000);
        assertThat(first.data()).isNotEqualTo(second.data());
    }

    @Test
    void defaultsTo640x480I420() throws Exception {
        start("camera:testsrc", 0);
        await(() -> !bodies.isEmpty(), 10, "a frame");
        VideoFrame frame = (VideoFrame) bodies.get(0);
        assertThat(frame.width()).isEqualTo(640);
        assertThat(frame.height()).isEqualTo(480);
        assertThat(frame.format()).isEqualTo(PixelFormat.I420);
    }

    @Test
    void slowRouteGetsTheNewestFrameAndDropsAreCounted() throws Exception {
        CameraConsumer consumer = start("camera:testsrc?width=160&height=120&fps=30", 200);
        Thread.sleep(1500);
        context.stop();
        // The route takes 5 frames a second of the 30 captured: the rest are replaced, not queued.
        assertThat(bodies.size()).isBetween(5, 10);
        assertThat(consumer.getDroppedVideoFrames()).isGreaterThan(25);
        long previous = -1;
        for (Object body : bodies) {
            long seq = ((VideoFrame) body).sequence();
            assertThat(seq).isGreaterThan(previous);
            previous = seq;
        }
        assertThat(((VideoFrame) bodies.get(bodies.size() - 1)).sequence()).isGreaterThan(bodies.size() + 20);
    }

    @Test
    void fileSourceDeliversEveryFrameAndItsAudio() throws Exception {
        Path clip = resource("clip-320x240-25fps-aac.mp4");
        start("camera:" + clip + "?realtime=false&audio=true", 0);
        await(() -> ((CameraConsumer) context.getRoute("cam").getConsumer()).captureStates().get(0).status()
                == org.camelvideo.camera.capture.CaptureState.Status.ENDED, 20, "the end of the file");
        Thread.sleep(200);
        List<VideoFrame> video = bodies.stream().filter(VideoFrame.class::isInstance).map(VideoFrame.class::cast).toList();
        List<AudioFrame> audio = bodies.stream().filter(AudioFrame.class::isInstance).map(AudioFrame.class::cast).toList();
        assertThat(video).hasSize(50);
        assertThat(video.get(49).ptsMicros()).isEqualTo(49 * 40_000L);
        assertThat(video.get(0).width()).isEqualTo(320);
        assertThat(audio).isNotEmpty();
        assertThat(audio.get(0).sampleRate()).isEqualTo(44100);
        assertThat(audio.get(0).channels()).isEqualTo(2);
        int samples = audio.stream().mapToInt(AudioFrame::samples).sum();
        assertThat(samples).isBetween(44100 * 19 / 10, 44100 * 21 / 10);
    }

    @Test
    void fileRoundTripThroughTheEncoderAndBackIsFrameExact() throws Exception {
        Path clip = resource("clip-320x240-25fps-aac.mp4");
        context = new DefaultCamelContext();
        List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:" + clip + "?realtime=false&width=160&height=120")
                        .to("h264:encode?gop=25")
                        .process(e -> packets.add(e.getMessage().getBody(MediaPacket.class)));
            }
        });
        context.start();
        await(() -> packets.size() == 50, 20, "50 packets");
        context.stop();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MediaPacket p : packets) {
            out.write(p.payload());
        }
        Path file = dir.resolve("roundtrip.h264");
        Files.write(file, out.toByteArray());
        MediaProbe.Result result = MediaProbe.probe(file.toString(), "h264");
        assertThat(result.videoFrames()).isEqualTo(50);
        assertThat(result.width()).isEqualTo(160);
        assertThat(result.keyframes()).containsExactly(0, 25);
    }

    @Test
    void loopingFileKeepsTimestampsGoing() throws Exception {
        start("camera:" + resource("clip-320x240-25fps-aac.mp4") + "?realtime=false&loop=true", 0);
        await(() -> bodies.size() >= 120, 20, "two and a half loops");
        context.stop();
        long previous = -1;
        for (Object body : bodies.subList(0, 120)) {
            VideoFrame f = (VideoFrame) body;
            assertThat(f.ptsMicros()).isGreaterThan(previous);
            previous = f.ptsMicros();
        }
        assertThat(((VideoFrame) bodies.get(119)).ptsMicros()).isEqualTo(119 * 40_000L);
    }

    @Test
    void missingFileIsNamedHealthIsDownAndCaptureRecoversWhenItAppears() throws Exception {
        Path late = dir.resolve("late.mp4");
        CameraConsumer consumer = start("camera:" + late + "?realtime=false&reconnectDelay=100&maxReconnectDelay=200", 0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, 10, "health DOWN");
        HealthCheck.Result down = consumer.getHealthCheck().call();
        assertThat(down.getMessage()).hasValue("camera source " + late + ": no such file");
        Files.copy(resource("clip-320x240-25fps-aac.mp4"), dir.resolve("late.tmp"));
        Files.move(dir.resolve("late.tmp"), late, StandardCopyOption.ATOMIC_MOVE);
        await(() -> bodies.size() >= 10, 10, "frames after the file appeared");
        assertThat(consumer.getHealthCheck().call().getState()).isIn(HealthCheck.State.UP);
    }

    @Test
    void missingDeviceIsNamedAndHealthIsDown() throws Exception {
        CameraConsumer consumer = start("camera:/dev/video97?reconnectDelay=100", 0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, 10, "health DOWN");
        assertThat(consumer.getHealthCheck().call().getMessage()).hasValue("camera source /dev/video97: no such device");
    }

    @Test
    void streamOnAHostThatDoesNotResolveSaysSo() throws Exception {
        CameraConsumer consumer = start("camera:rtsp://no-such-host.invalid:554/stream?reconnectDelay=100", 0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, 10, "health DOWN");
        assertThat(consumer.getHealthCheck().call().getMessage()).hasValueSatisfying(
                m -> assertThat(m).endsWith(": unknown host no-such-host.invalid"));
    }

    @Test
    void unreadableFileGivesFfmpegsReason() throws Exception {
        Path junk = dir.resolve("junk.mp4");
        Files.writeString(junk, "this is not a video");
        CameraConsumer consumer = start("camera:" + junk + "?reconnectDelay=100", 0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, 10, "health DOWN");
        assertThat(consumer.getHealthCheck().call().getMessage().orElseThrow())
                .startsWith("camera source " + junk + ": ").contains("Invalid data");
    }

    @Test
    void missingAudioDeviceIsNamedWhileVideoKeepsFlowing() throws Exception {
        CameraConsumer consumer = start("camera:testsrc?width=64&height=48&audio=true&audioDevice=alsa:hw:9,0"
                                        + "&reconnectDelay=100", 0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, 10, "health DOWN");
        assertThat(consumer.getHealthCheck().call().getMessage().orElseThrow()).startsWith("audio device alsa:hw:9,0: ");
        int before = bodies.size();
        Thread.sleep(300);
        assertThat(bodies.size()).isGreaterThan(before);
        assertThat(bodies).allMatch(VideoFrame.class::isInstance);
    }

    @Test
    void passwordsInSourceUrlsAreMasked() {
        assertThat(org.camelvideo.camera.source.Sources.masked("rtsp://admin:s3cret@10.0.0.1/stream"))
                .isEqualTo("rtsp://admin:******@10.0.0.1/stream");
    }

    @Test
    void unknownOptionIsRefused() {
        context = new DefaultCamelContext();
        context.start();
        assertThatThrownBy(() -> context.getEndpoint("camera:testsrc?widht=320"))
                .hasMessageContaining("widht");
    }

    @Test
    void settingsNoSourceTakesFailTheRouteAtStart() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=-5&height=7").to("log:frames");
            }
        });
        assertThatThrownBy(() -> context.start()).hasStackTraceContaining("camera: width and height must be 0 (the source's own) or more, got -5x7");
    }

    @Test
    void headersDescribeTheFrame() throws Exception {
        context = new DefaultCamelContext();
        List<org.apache.camel.Message> messages = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=64&height=48&audio=true").process(e -> messages.add(e.getMessage().copy()));
            }
        });
        context.start();
        await(() -> messages.size() > 5, 10, "frames");
        context.stop();
        Set<String> streams = messages.stream().map(m -> m.getHeader(MediaHeaders.STREAM_ID, String.class))
                .collect(Collectors.toSet());
        assertThat(streams).containsExactlyInAnyOrder("video", "audio");
        org.apache.camel.Message video = messages.stream().filter(m -> m.getBody() instanceof VideoFrame).findFirst()
                .orElseThrow();
        assertThat(video.getHeader(MediaHeaders.WIDTH)).isEqualTo(64);
        assertThat(video.getHeader(MediaHeaders.HEIGHT)).isEqualTo(48);
        assertThat(video.getHeader(MediaHeaders.TIMESTAMP)).isEqualTo(0L);
    }

    @Test
    void noCaptureThreadSurvivesTheRoute() throws Exception {
        Path clip = resource("clip-320x240-25fps-aac.mp4");
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=64&height=48&audio=true").process(e -> bodies.add(e.getMessage().getBody()));
                from("camera:" + clip + "?loop=true&audio=true").process(e -> bodies.add(e.getMessage().getBody()));
            }
        });
        context.start();
        await(() -> bodies.size() > 10, 10, "frames");
        assertThat(cameraThreads()).isNotEmpty();
        context.stop();
        context = null;
        await(() -> cameraThreads().isEmpty(), 10, "capture threads to end");
    }

    @Test
    void stoppingLetsTheExchangeInFlightFinishUninterrupted() throws Exception {
        CountDownLatch inRoute = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger finished = new AtomicInteger();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Stands in for a file write or an upload, which an interrupt would break.
                from("camera:testsrc?width=64&height=48").process(e -> {
                    inRoute.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException x) {
                        interrupted.set(true);
                        throw x;
                    }
                    finished.incrementAndGet();
                });
            }
        });
        context.start();
        assertThat(inRoute.await(10, TimeUnit.SECONDS)).isTrue();
        context.stop();
        context = null;
        assertThat(interrupted).as("the route thread was interrupted mid-exchange").isFalse();
        assertThat(finished.get()).isPositive();
        await(() -> cameraThreads().isEmpty(), 10, "capture threads to end");
    }

    private static List<String> cameraThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("camera[")).toList();
    }
}
