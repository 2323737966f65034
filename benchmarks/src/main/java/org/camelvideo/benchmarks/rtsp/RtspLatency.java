package org.camelvideo.benchmarks.rtsp;

import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.RtspComponent;
import org.camelvideo.rtsp.RtspProducer;

/**
 * Added latency of our server: from the moment a frame is handed to the rtsp producer to the
 * arrival of its last packet (the marker) at each of N TCP readers in the same JVM, on the same
 * clock. The readers join on the first keyframe (the GOP cache) and count frames by RTP
 * timestamp from there.
 * <p>
 * Arguments: {@code --readers=100 --seconds=20 --threads=2 --serverThreads=0} (reader and server event loops;
 * 0 is Netty's default of twice the cores)
 */
public final class RtspLatency {

    private RtspLatency() {
    }

    private static String row(String what, int readers, long[] samples, int count, int missing) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%10s | %7d | %9d | %9.3f | %9.3f | %9.3f | %8d", what, readers, count,
                             sorted[count / 2] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6, missing);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(RtspFanOut.arg(args, "readers", "100"));
        int seconds = Integer.parseInt(RtspFanOut.arg(args, "seconds", "20"));
        int threads = Integer.parseInt(RtspFanOut.arg(args, "threads", "2"));
        int serverThreads = Integer.parseInt(RtspFanOut.arg(args, "serverThreads", "0"));
        List<MediaPacket> clip = ClipFile.packets(ClipFile.ensure());
        int frames = seconds * ClipFile.FPS;
        long[] handed = new long[frames];
        long[][] arrived = new long[n][frames];
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
        // Frame 0 first: it is the keyframe every reader starts on, and its RTP time is their origin.
        ServeClip.play(clip, producer, endpoint, 1, handed);
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
                if (frame > 0 && frame < frames) {
                    arrived[r][(int) frame] = at;
                }
            };
            readers.open("127.0.0.1", port, "rtsp://127.0.0.1:" + port + "/live", n, 50, listener);
            ServeClip.play(clip, producer, endpoint, frames, handed);
            Thread.sleep(500);
            long[] all = new long[n * (frames - 1)];
            long[] keyframes = new long[n * (frames - 1)];
            int count = 0;
            int keys = 0;
            int missing = 0;
            for (int r = 0; r < n; r++) {
                for (int f = 1; f < frames; f++) {
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
                               + n + " TCP readers in-process, " + seconds + " s, " + Runtime.getRuntime().availableProcessors()
                               + " cores");
            System.out.println(String.format(Locale.ROOT, "%10s | %7s | %9s | %9s | %9s | %9s | %8s", "frames", "readers",
                                             "samples", "p50 ms", "p99 ms", "max ms", "missing"));
            System.out.println(row("all", n, all, count, missing));
            System.out.println(row("keyframes", n, keyframes, keys, 0));
            RtspProducer server = (RtspProducer) producer;
            System.out.println();
            System.out.println(String.format(Locale.ROOT, "Server side, producer hand-off -> written to each reader's socket:"
                                                          + " p50 %.2f ms, p99 %.2f ms (10 us buckets)",
                                             server.getWriteLatencyP50Micros() / 1e3, server.getWriteLatencyP99Micros() / 1e3));
            System.out.println();
            System.out.println(Reproduce.command(RtspLatency.class, args));
        } finally {
            producer.stop();
            context.stop();
        }
    }
}
