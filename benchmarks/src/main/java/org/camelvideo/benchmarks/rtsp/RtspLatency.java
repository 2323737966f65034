package org.camelvideo.benchmarks.rtsp;

import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.benchmarks.reference.ThreadCpu;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.RtspComponent;
import org.camelvideo.rtsp.RtspProducer;

/**
 * Added latency of our server: from the moment a frame is handed to the rtsp producer to the
 * arrival of its last packet (the marker) at each of N TCP readers in the same JVM, on the same
 * clock, and, inside the server, to its write to each reader's socket. The readers join on the
 * first keyframe (the GOP cache) and count frames by RTP timestamp from there.
 * <p>
 * The stream first plays for a warm-up with the readers attached, unmeasured: in a cold JVM the
 * JIT compilers take more CPU than the server itself for the first half minute, and on two cores
 * their bursts, not the server, would set the tail. A server that runs for hours is past that.
 * <p>
 * Arguments: {@code --readers=100 --seconds=20 --warmup=30 --threads=2 --serverThreads=0} (reader and
 * server event loops; 0 is Netty's default of twice the cores)
 */
public final class RtspLatency {

    private static final String SERVER = "server event loops";
    private static final String READERS = "reader event loops";
    private static final String PRODUCER = "producer (main thread)";

    private RtspLatency() {
    }

    private static String row(String what, int readers, long[] samples, int count, int missing) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%10s | %7d | %9d | %9.3f | %9.3f | %9.3f | %8d", what, readers, count,
                             sorted[count / 2] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6, missing);
    }

    private static String group(String threadName) {
        if (threadName.startsWith("camel-rtsp")) {
            return SERVER;
        }
        if (threadName.startsWith("nioEventLoop")) {
            return READERS;
        }
        // The launcher's main thread keeps the name of the process.
        return threadName.equals("java") ? PRODUCER : ThreadCpu.jvmGroup(threadName);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(RtspFanOut.arg(args, "readers", "100"));
        int seconds = Integer.parseInt(RtspFanOut.arg(args, "seconds", "20"));
        int warmup = Integer.parseInt(RtspFanOut.arg(args, "warmup", "30"));
        int threads = Integer.parseInt(RtspFanOut.arg(args, "threads", "2"));
        int serverThreads = Integer.parseInt(RtspFanOut.arg(args, "serverThreads", "0"));
        List<MediaPacket> clip = ClipFile.packets(ClipFile.ensure());
        // Frame 0, then the warm-up, then the measured frames, numbered from frame 0 throughout.
        int first = 1 + warmup * ClipFile.FPS;
        int frames = seconds * ClipFile.FPS;
        int end = first + frames;
        long[] handed = new long[end];
        long[][] arrived = new long[n][end];
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CamelContext context = new DefaultCamelContext();
        context.getComponent("rtsp", RtspComponent.class).setWorkerThreads(serverThreads);
        context.start();
        Endpoint endpoint = context.getEndpoint("rtsp://127.0.0.1:" + port + "/live");
        Producer producer = endpoint.createProducer();
        producer.start();
        RtspProducer server = (RtspProducer) producer;
        // Frame 0 first: it is the keyframe every reader starts on, and its RTP time is their origin.
        ServeClip.play(clip, producer, endpoint, 0, 1, handed);
        long[] origin = new long[n];
        Arrays.fill(origin, -1);
        java.util.Map<Reader, Integer> index = new java.util.IdentityHashMap<>();
        try (Readers readers = new Readers(threads)) {
            Reader.FrameListener listener = (reader, ts, at) -> {
                int r;
                synchronized (index) {
                    r = index.computeIfAbsent(reader, k -> index.size());
                }
                if (origin[r] < 0) {
                    origin[r] = ts;
                }
                long frame = Math.round(((ts - origin[r]) & 0xffff_ffffL) * ClipFile.FPS / 90_000.0);
                if (frame >= first && frame < end) {
                    arrived[r][(int) frame] = at;
                }
            };
            readers.open("127.0.0.1", port, "rtsp://127.0.0.1:" + port + "/live", n, 50, listener);
            ServeClip.play(clip, producer, endpoint, 1, first, handed);
            server.resetWriteLatency();
            Map<String, Long> cpuBefore = ThreadCpu.byGroup(RtspLatency::group);
            ServeClip.play(clip, producer, endpoint, first, end, handed);
            Map<String, Double> cpu = ThreadCpu.seconds(cpuBefore, ThreadCpu.byGroup(RtspLatency::group));
            Thread.sleep(500);
            long[] all = new long[n * frames];
            long[] keyframes = new long[n * frames];
            int count = 0;
            int keys = 0;
            int missing = 0;
            for (int r = 0; r < n; r++) {
                for (int f = first; f < end; f++) {
                    if (arrived[r][f] == 0 || arrived[r][f] < handed[f]) {
                        missing++;
                        continue;
                    }
                    long latency = arrived[r][f] - handed[f];
                    all[count++] = latency;
                    if (clip.get(f % clip.size()).isKeyframe()) {
                        keyframes[keys++] = latency;
                    }
                }
            }
            System.out.println();
            System.out.println("RTSP added latency (producer hand-off -> last packet at reader), 1280x720 30 fps ~2 Mbit/s, "
                               + n + " TCP readers in-process, " + seconds + " s after a " + warmup + " s warm-up, "
                               + Runtime.getRuntime().availableProcessors() + " cores");
            System.out.println(String.format(Locale.ROOT, "%10s | %7s | %9s | %9s | %9s | %9s | %8s", "frames", "readers",
                                             "samples", "p50 ms", "p99 ms", "max ms", "missing"));
            System.out.println(row("all", n, all, count, missing));
            System.out.println(row("keyframes", n, keyframes, keys, 0));
            System.out.println();
            System.out.println(String.format(Locale.ROOT, "Server side, producer hand-off -> written to each reader's socket:"
                                                          + " p50 %.2f ms, p99 %.2f ms (10 us buckets)",
                                             server.getWriteLatencyP50Micros() / 1e3, server.getWriteLatencyP99Micros() / 1e3));
            System.out.println();
            System.out.println("CPU seconds in the measured window by thread group:");
            for (String g : List.of(SERVER, PRODUCER, READERS, "JIT compilers", "GC and safepoints", "other threads")) {
                System.out.println(String.format(Locale.ROOT, "  %-24s %6.2f", g, cpu.getOrDefault(g, 0.0)));
            }
            System.out.println();
            System.out.println(Reproduce.command(RtspLatency.class, args));
        } finally {
            producer.stop();
            context.stop();
        }
    }
}
