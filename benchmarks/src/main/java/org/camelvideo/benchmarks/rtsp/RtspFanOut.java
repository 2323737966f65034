package org.camelvideo.benchmarks.rtsp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out load: N RTSP/TCP readers of one 1280x720 30 fps ~2 Mbit/s stream, served by our
 * server (a child JVM running {@link ServeClip}) or by GStreamer's RTSP server with shared media
 * (benchmarks/gst/gst_rtsp_server.py), one fresh server per N. Per reader: frames per second over
 * the measuring window, RTP packets lost, bytes; per server: CPU (% of one core) from /proc.
 * <p>
 * Arguments: {@code --server=ours|gst --readers=100,400,800,1500 --seconds=15 --warmup=5 --threads=2}
 */
public final class RtspFanOut {

    private RtspFanOut() {
    }

    public static void main(String[] args) throws Exception {
        String server = arg(args, "server", "ours");
        int[] counts = Arrays.stream(arg(args, "readers", "100,400,800,1500").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int seconds = Integer.parseInt(arg(args, "seconds", "15"));
        int warmup = Integer.parseInt(arg(args, "warmup", "5"));
        int threads = Integer.parseInt(arg(args, "threads", "2"));
        Path clip = ClipFile.ensure();

        List<String> rows = new ArrayList<>();
        for (int n : counts) {
            rows.add(run(server, clip, n, seconds, warmup, threads));
            System.out.println(rows.get(rows.size() - 1));
        }
        System.out.println();
        System.out.println("RTSP fan-out, 1280x720 30 fps ~2 Mbit/s H.264, server=" + server + ", " + seconds
                           + " s window after " + warmup + " s warm-up, " + Runtime.getRuntime().availableProcessors()
                           + " cores");
        System.out.println(header());
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(Reproduce.command(RtspFanOut.class, args));
    }

    private static String header() {
        return String.format(Locale.ROOT, "%7s | %9s | %9s | %9s | %12s | %8s | %10s | %12s | %10s", "readers", "fps min",
                             "fps med", "fps max", "Mbit/s med", "lost pkt", "loss %", "server CPU %", "load CPU %");
    }

    private static String run(String server, Path clip, int n, int seconds, int warmup, int threads) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process process = start(server, clip, port);
        try (Readers readers = new Readers(threads)) {
            String url = "rtsp://127.0.0.1:" + port + (server.equals("gst") ? "/test" : "/live");
            readers.open("127.0.0.1", port, url, n, 50, null);
            TimeUnit.SECONDS.sleep(warmup);
            long[] f0 = snapshot(readers, 0);
            long[] l0 = snapshot(readers, 1);
            long[] p0 = snapshot(readers, 2);
            long[] b0 = snapshot(readers, 3);
            long serverCpu0 = Cpu.ticks(process.pid());
            long loadCpu0 = Cpu.ticks(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] f1 = snapshot(readers, 0);
            long[] l1 = snapshot(readers, 1);
            long[] p1 = snapshot(readers, 2);
            long[] b1 = snapshot(readers, 3);
            double serverCpu = Cpu.percent(serverCpu0, Cpu.ticks(process.pid()), elapsed);
            double loadCpu = Cpu.percent(loadCpu0, Cpu.ticks(ProcessHandle.current().pid()), elapsed);
            double[] fps = new double[n];
            double[] mbits = new double[n];
            long lost = 0;
            long packets = 0;
            for (int i = 0; i < n; i++) {
                fps[i] = (f1[i] - f0[i]) / elapsed;
                mbits[i] = (b1[i] - b0[i]) * 8 / elapsed / 1e6;
                lost += l1[i] - l0[i];
                packets += p1[i] - p0[i];
            }
            Arrays.sort(fps);
            Arrays.sort(mbits);
            return String.format(Locale.ROOT, "%7d | %9.2f | %9.2f | %9.2f | %12.2f | %8d | %10.4f | %12.1f | %10.1f", n,
                                 fps[0], fps[n / 2], fps[n - 1], mbits[n / 2], lost, 100.0 * lost / Math.max(1, lost + packets), serverCpu,
                                 loadCpu);
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static long[] snapshot(Readers readers, int what) {
        long[] out = new long[readers.readers.size()];
        for (int i = 0; i < out.length; i++) {
            Reader r = readers.readers.get(i);
            out[i] = what == 0 ? r.frames : what == 1 ? r.lost : what == 2 ? r.packets : r.bytes;
        }
        return out;
    }

    private static Process start(String server, Path clip, int port) throws Exception {
        List<String> cmd;
        if (server.equals("gst")) {
            cmd = List.of("/usr/bin/python3", Path.of("benchmarks", "gst", "gst_rtsp_server.py").toString(),
                          Integer.toString(port), "/test", clip.toString(), Integer.toString(ClipFile.FPS));
        } else {
            cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx1g",
                          "-cp", System.getProperty("java.class.path"), ServeClip.class.getName(), Integer.toString(port),
                          clip.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null;) {
            if (line.contains("READY")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException e) {
                        // the server was stopped
                    }
                }, "server-output");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new IllegalStateException("The " + server + " server did not start: " + cmd);
    }

    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
