package org.camelvideo.benchmarks.rtmp;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.benchmarks.reference.ThreadCpu;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.RtmpEndpoint;
import org.camelvideo.rtmp.client.RtmpPublisher;
import org.camelvideo.rtmp.peers.Feeder;
import org.camelvideo.rtmp.peers.Nginx;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;

/**
 * Publishes a pre-encoded 1920x1080 30 fps ~6 Mbit/s H.264 + AAC stream in real time to a local
 * nginx-rtmp for 60 s through {@code rtmp:} while {@code ffmpeg -re -i clip.flv -c copy -f flv}
 * publishes the same to another stream name, and compares the CPU each used in the same window.
 * The JVM's figure is the whole process (route, feeder standing in for the camera, Netty, JIT,
 * GC); FFmpeg's is the sum over its threads, both from Linux's scheduler statistics. Side by side
 * in one window, because on this virtual machine the cost of a thread wake-up, which is most of
 * what either publisher spends, drifts by half between minutes; each takes about 1 % of a core,
 * so they hardly disturb each other.
 * <p>
 * The window opens on a warmed-up JVM: the same route first publishes ten minutes of the clip
 * unpaced to another stream name, then the measured stream runs in real time for a warm-up
 * (second argument, 30 s by default), so the JIT has compiled the hot paths before the clock
 * starts, as it has in a publisher that runs for hours. Without that, a 60 s real-time run mostly measures
 * the JIT compiling code that 70 packets a second take minutes to make hot. A young collection
 * between the two warm-ups has the window allocate into heap pages the JVM has used before, as a
 * publisher that has run for hours does. A first run with a no-op processor in place of rtmp: measures what
 * the harness itself costs. {@code benchmarks/run rtmp} starts the JVM with the flags README
 * suggests for a board that publishes around the clock (serial GC, counters sampled once a second).
 */
public final class RtmpPublishBenchmark {

    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int FPS = 30;
    private static final int BITRATE = 6_000_000;
    private static final int CLIP_SECONDS = 10;
    private static final long JIT_WARMUP_CLIP_MILLIS = 600_000;
    /** Where the arrays that fill the young generation go, so that the JIT cannot drop them. */
    private static volatile byte[] garbage;
    private static final String NETTY = "Netty event loops (chunking, socket writes)";
    private static final String FEEDER = "feeder thread (route: packet to FLV tag, hand-off)";
    private static final List<String> GROUPS = List.of(NETTY, FEEDER, "JIT compilers", "GC and safepoints", "other threads");

    private RtmpPublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path work = Files.createDirectories(Path.of("target/rtmp-benchmark").toAbsolutePath());
        Path h264 = TestClips.video(WIDTH, HEIGHT, FPS, CLIP_SECONDS, BITRATE);
        Path adts = TestClips.audio(CLIP_SECONDS);
        List<MediaPacket> clip = TestClips.packets(h264, adts, FPS);
        Path flv = work.resolve("clip-1080p.flv");
        if (!Files.exists(flv)) {
            Proc.run(work.resolve("mux.log"), 120, List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel",
                                                          "error", "-r", String.valueOf(FPS), "-i", h264.toString(), "-i",
                                                          adts.toString(), "-c", "copy", "-f", "flv", flv.toString()));
        }
        long clipBytes = clip.stream().mapToLong(p -> p.payload().length).sum();
        double mbps = clipBytes * 8.0 / CLIP_SECONDS / 1e6;

        try (Nginx nginx = Nginx.start(work.resolve("nginx"))) {
            String url = "rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/";
            List<String> ffmpeg = List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-nostats", "-re", "-stream_loop", "-1",
                                          "-i", flv.toString(), "-t", String.valueOf(warmup + seconds + 30), "-c", "copy", "-f", "flv",
                                          url + "ffmpeg");
            Result baseline = camel(null, clip, seconds, warmup, null);
            Result camel = camel(url + "camel", clip, seconds, warmup, () -> Proc.start(work.resolve("ffmpeg-publish.log"), ffmpeg));

            System.out.printf(Locale.ROOT, "%nrtmp: publish, %dx%d %d fps H.264 + AAC, %.1f Mbit/s, %d s to nginx-rtmp on 127.0.0.1"
                                           + " (%d cores), JVM warmed up (%d s real time)%n%n", WIDTH, HEIGHT, FPS, mbps, seconds,
                              Runtime.getRuntime().availableProcessors(), warmup);
            System.out.printf(Locale.ROOT, "| publisher | packets sent | dropped | CPU s | CPU %% of one core | wake-ups |%n");
            System.out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: | ---: | ---: |%n");
            System.out.printf(Locale.ROOT, "| camel rtmp: (whole JVM) | %d | %d | %.2f | %.1f | %d |%n", camel.sent, camel.dropped,
                              camel.cpuSeconds, 100 * camel.cpuSeconds / seconds, camel.wakeUps);
            for (String group : GROUPS) {
                double s = camel.threads.getOrDefault(group, 0.0);
                System.out.printf(Locale.ROOT, "|   of which %s | | | %.2f | %.1f | %d |%n", group, s, 100 * s / seconds,
                                  camel.threadWakeUps.getOrDefault(group, 0L));
            }
            System.out.printf(Locale.ROOT, "| harness alone: same feeder and route, packets dropped by a no-op processor | | | %.2f"
                                           + " | %.1f | %d |%n", baseline.cpuSeconds, 100 * baseline.cpuSeconds / seconds,
                              baseline.wakeUps);
            System.out.printf(Locale.ROOT, "| ffmpeg -re -c copy -f flv, in the same window | - | - | %.2f | %.1f | %d |%n",
                              camel.peerCpuSeconds, 100 * camel.peerCpuSeconds / seconds, camel.peerWakeUps);
            System.out.printf(Locale.ROOT, "%nCPU ratio camel / ffmpeg: %.2fx (goal: 1.0x or less); rtmp: above the harness / ffmpeg:"
                                           + " %.2fx (the harness ran in a window of its own)%n", camel.cpuSeconds / camel.peerCpuSeconds,
                              (camel.cpuSeconds - baseline.cpuSeconds) / camel.peerCpuSeconds);
            System.out.printf(Locale.ROOT, "Thread wake-ups in the window (times put on a CPU): camel JVM %d (%.2f per packet, %.0f us"
                                           + " of CPU each), ffmpeg %d (%.0f us each); harness alone %d%n", camel.wakeUps,
                              (double) camel.wakeUps / camel.sent, 1e6 * camel.cpuSeconds / camel.wakeUps, camel.peerWakeUps,
                              1e6 * camel.peerCpuSeconds / camel.peerWakeUps, baseline.wakeUps);
            System.out.println();
            System.out.println("Reproduce: " + reproduce(seconds, warmup));
            if (camel.dropped > 0) {
                System.out.println("FAILED: the publisher dropped packets");
                System.exit(1);
            }
        }
    }

    /** CPU of the JVM over the window, of its groups of threads within it, and of the peer program beside it. */
    private record Result(long sent, long dropped, double cpuSeconds, Map<String, Double> threads, double peerCpuSeconds,
                          long wakeUps, Map<String, Long> threadWakeUps, long peerWakeUps) {
    }

    /** Starts the peer program that publishes beside the JVM. */
    private interface Peer {
        Proc start() throws IOException;
    }

    /** The command benchmarks/run was given, else the java command with this JVM's own flags. */
    private static String reproduce(int seconds, int warmup) {
        String run = System.getenv("CAMELVIDEO_BENCHMARK_COMMAND");
        if (run != null) {
            return run;
        }
        return String.format(Locale.ROOT, "java %s -cp \"benchmarks/target/camel-video-benchmarks.jar:benchmarks/target/lib/*\" %s %d %d"
                             + " (after benchmarks/run's build)", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                             RtmpPublishBenchmark.class.getName(), seconds, warmup);
    }

    /**
     * Allocates until the young generation is collected. A JVM that has run for a while allocates
     * into heap pages it has used before; without this the window would be this JVM's first pass
     * through much of its young generation, each new page a fault the kernel zeroes (a tenth of the
     * window's CPU in a profile). A young collection, not {@code System.gc()}: a full one unloads
     * and cleans compiled code, and the JIT then spent up to 0.2 s of the window compiling again.
     */
    private static void cycleYoungGeneration() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        long before = collections(collectors);
        // 64 KiB stays below G1's humongous size, so the arrays fill eden rather than old regions.
        for (long allocated = 0; collections(collectors) == before && allocated < Runtime.getRuntime().maxMemory(); allocated += 65536) {
            garbage = new byte[65536];
        }
    }

    private static long collections(List<GarbageCollectorMXBean> collectors) {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static String group(String threadName) {
        if (threadName.startsWith("camel-rtmp")) {
            return NETTY;
        }
        return threadName.equals("feeder") ? FEEDER : ThreadCpu.jvmGroup(threadName);
    }

    /**
     * Publishes to {@code uri}, or with a null uri runs the same feeder and route without rtmp: for
     * the baseline. A peer, when given, starts with the real-time warm-up and is measured over the
     * same window.
     */
    private static Result camel(String uri, List<MediaPacket> clip, int seconds, int warmup, Peer peer) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (uri == null) {
                    from("direct:av").process(exchange -> exchange.getMessage().getBody(MediaPacket.class));
                    from("direct:warmup").routeId("warmup").process(exchange -> exchange.getMessage().getBody(MediaPacket.class));
                } else {
                    from("direct:av").to(target(uri));
                    from("direct:warmup").routeId("warmup").to(target(uri + "-warmup"));
                }
            }
        });
        context.start();
        try {
            awaitPublishing(context, uri == null ? null : target(uri + "-warmup"));
            try (Feeder burst = new Feeder(context.createProducerTemplate(), "direct:warmup", clip, JIT_WARMUP_CLIP_MILLIS, false)) {
                burst.join();
            }
            context.getRouteController().stopRoute("warmup");
            cycleYoungGeneration();
            RtmpPublisher publisher = awaitPublishing(context, uri == null ? null : target(uri));
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart;
            long sentStart;
            Sample start;
            Sample end;
            try (Feeder feeder = new Feeder(context.createProducerTemplate(), "direct:av", clip, (warmup + seconds) * 1000L);
                 Proc peerProc = peer == null ? null : peer.start()) {
                Thread.sleep(warmup * 1000L);
                cpuStart = os.getProcessCpuTime();
                sentStart = publisher == null ? 0 : publisher.sentCount();
                start = Sample.take(peerProc);
                Thread.sleep(seconds * 1000L - 500);
                // Before the feeder's thread ends and takes its time with it.
                end = Sample.take(peerProc);
                feeder.join();
                if (feeder.failure() != null) {
                    throw feeder.failure();
                }
            }
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            Map<String, Double> threads = ThreadCpu.seconds(start.threads, end.threads);
            double peerCpu = (end.peerCpuNanos - start.peerCpuNanos) / 1e9;
            Map<String, Long> threadWakeUps = new HashMap<>();
            end.wakeUpsByGroup.forEach((group, n) -> threadWakeUps.put(group, n - start.wakeUpsByGroup.getOrDefault(group, 0L)));
            long wakeUps = threadWakeUps.values().stream().mapToLong(Long::longValue).sum();
            long peerWakeUps = end.peerWakeUps - start.peerWakeUps;
            return publisher == null ? new Result(0, 0, cpu, threads, peerCpu, wakeUps, threadWakeUps, peerWakeUps)
                    : new Result(publisher.sentCount() - sentStart, publisher.droppedCount(), cpu, threads, peerCpu, wakeUps, threadWakeUps,
                                 peerWakeUps);
        } finally {
            context.stop();
        }
    }

    private static String target(String uri) {
        return uri + "?frameRate=" + FPS + "&videoBitrate=" + BITRATE;
    }

    /** The endpoint's publisher once it is up, or null for none (the baseline). */
    private static RtmpPublisher awaitPublishing(CamelContext context, String endpointUri) throws InterruptedException {
        RtmpPublisher publisher = endpointUri == null ? null : context.getEndpoint(endpointUri, RtmpEndpoint.class).getPublisher();
        long deadline = System.currentTimeMillis() + 10_000;
        while (publisher != null && !publisher.connection().isUp()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Not publishing: " + publisher.connection().lastProblem());
            }
            Thread.sleep(20);
        }
        return publisher;
    }

    /** Per-thread CPU and wake-ups of the JVM, and of the peer beside it, at one moment of the window. */
    private record Sample(Map<String, Long> threads, Map<String, Long> wakeUpsByGroup, long peerCpuNanos, long peerWakeUps) {

        /** @param peer the peer program, or null; it must still be publishing, or the window would not be the same */
        static Sample take(Proc peer) throws IOException {
            Map<String, Long> threads = ThreadCpu.byGroup(RtmpPublishBenchmark::group);
            Map<String, Long> wakeUpsByGroup = ThreadCpu.timeslicesByGroup(RtmpPublishBenchmark::group);
            if (peer == null) {
                return new Sample(threads, wakeUpsByGroup, 0, 0);
            }
            if (!peer.isAlive()) {
                throw new IllegalStateException("The peer stopped before the window closed:\n" + peer.output());
            }
            long pid = peer.process().pid();
            return new Sample(threads, wakeUpsByGroup, ThreadCpu.ofProcess(pid), ThreadCpu.timeslices(pid));
        }
    }
}
