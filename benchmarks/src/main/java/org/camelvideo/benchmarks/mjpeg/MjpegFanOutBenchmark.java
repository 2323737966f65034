package org.camelvideo.benchmarks.mjpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.mjpeg.MjpegEndpoint;
import org.camelvideo.mjpeg.client.ClientSettings;
import org.camelvideo.mjpeg.client.MjpegClient;
import org.camelvideo.mjpeg.client.PartListener;
import org.camelvideo.mjpeg.multipart.JpegPart;

/**
 * N HTTP readers of one 640x480 stream at 30 fps, all in this JVM: the server (mjpeg: producer
 * fed at 30 fps) and the readers (camel-mjpeg's own client, on a separate event loop group).
 * Prints, for each N, the per-reader frame rate (min, median), the CPU the server's threads and
 * the publishing thread used, the bytes per second sent against what one loopback TCP stream can
 * carry on this machine, and the frames skipped by readers that fell behind.
 * <p>
 * Readers and server share the machine, so at high N the readers' own CPU is part of the limit:
 * the table says how much of the process's CPU the server took.
 */
public final class MjpegFanOutBenchmark {

    private static final int FPS = 30;
    private static final int WARMUP_SECONDS = 3;
    private static final int MEASURE_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] { 50, 200, 500 } : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        List<byte[]> frames = frames();
        double loopback = loopbackBytesPerSecond();
        int avg = (int) frames.stream().mapToInt(f -> f.length).average().orElseThrow();
        System.out.printf("%n640x480 @ %d fps, %d different JPEGs of %d bytes on average (ffmpeg -q:v 5), %d cores%n", FPS,
                frames.size(), avg, Runtime.getRuntime().availableProcessors());
        System.out.printf("Loopback limit (one TCP stream, 1 MiB writes): %.0f MB/s%n%n", loopback / 1e6);
        System.out.println("| readers | fps min | fps median | server CPU % | process CPU % | sent MB/s | of loopback | skipped/s | load avg |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int n : counts) {
            run(n, frames, loopback);
        }
        System.out.println();
        System.out.println("server CPU %: the server's event loops and the publishing thread; process CPU %: the whole JVM,"
                           + " readers included; 100 = one core. load avg: the machine's, other processes included.");
        System.out.println("Reproduce: ./mvnw -B -q -pl benchmarks -am install -DskipTests && ./mvnw -B -q -pl benchmarks exec:java"
                           + " -Dexec.mainClass=" + MjpegFanOutBenchmark.class.getName()
                           + (args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\""));
    }

    private static void run(int readers, List<byte[]> frames, double loopback) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String uri = "mjpeg://127.0.0.1:" + port + "/stream?maxClients=0";
        CamelContext context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        template.sendBody(uri, frames.get(0));
        MjpegEndpoint endpoint = context.getEndpoint(uri, MjpegEndpoint.class);

        ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "frame-pump"));
        AtomicLong sent = new AtomicLong();
        pump.scheduleAtFixedRate(() -> template.sendBody(uri, frames.get((int) (sent.getAndIncrement() % frames.size()))),
                0, 1_000_000 / FPS, TimeUnit.MICROSECONDS);

        EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("bench-readers", true));
        AtomicLongArray received = new AtomicLongArray(readers);
        List<MjpegClient> clients = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            int index = i;
            MjpegClient client = new MjpegClient(new ClientSettings(URI.create("http://127.0.0.1:" + port + "/stream"), null,
                    null, 8 << 20, 10_000, 20_000, 500, 2000, null), new PartListener() {
                        @Override
                        public void onPart(JpegPart part) {
                            received.incrementAndGet(index);
                        }

                        @Override
                        public void onDrop(String reason) {
                        }
                    }, group);
            client.start();
            clients.add(client);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (endpoint.getViewerCount() < readers && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        Thread.sleep(WARMUP_SECONDS * 1000L);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os
                = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] before = snapshot(received);
        long serverCpu0 = serverCpuNanos(threads);
        long processCpu0 = os.getProcessCpuTime();
        long bytes0 = endpoint.getBytesSent();
        long skipped0 = endpoint.getFramesSkipped();
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_SECONDS * 1000L);
        long elapsed = System.nanoTime() - t0;
        long[] after = snapshot(received);
        double serverCpu = 100.0 * (serverCpuNanos(threads) - serverCpu0) / elapsed;
        double processCpu = 100.0 * (os.getProcessCpuTime() - processCpu0) / elapsed;
        double bytesPerSecond = (endpoint.getBytesSent() - bytes0) * 1e9 / elapsed;
        double skippedPerSecond = (endpoint.getFramesSkipped() - skipped0) * 1e9 / elapsed;

        double[] fps = new double[readers];
        for (int i = 0; i < readers; i++) {
            fps[i] = (after[i] - before[i]) * 1e9 / elapsed;
        }
        Arrays.sort(fps);
        System.out.printf("| %d | %.1f | %.1f | %.0f | %.0f | %.1f | %.0f %% | %.0f | %.1f |%n", readers, fps[0],
                fps[readers / 2], serverCpu, processCpu, bytesPerSecond / 1e6, 100 * bytesPerSecond / loopback,
                skippedPerSecond, os.getSystemLoadAverage());

        pump.shutdownNow();
        pump.awaitTermination(5, TimeUnit.SECONDS);
        for (MjpegClient c : clients) {
            c.stop();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        context.stop();
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] c = new long[a.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = a.get(i);
        }
        return c;
    }

    /** CPU time of the server's event loops and of the thread that publishes the frames. */
    private static long serverCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("mjpeg-server") || t.getName().equals("frame-pump")) {
                long cpu = threads.getThreadCpuTime(t.getId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    /** What one loopback TCP connection carries per second on this machine, as a ceiling. */
    private static double loopbackBytesPerSecond() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicLong read = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[1 << 20];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        read.addAndGet(n);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            byte[] chunk = new byte[1 << 20];
            long t0 = System.nanoTime();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = s.getOutputStream()) {
                while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3)) {
                    out.write(chunk);
                }
            }
            reader.join();
            return read.get() * 1e9 / (System.nanoTime() - t0);
        }
    }

    /** The same frames the tests use: FFmpeg's testsrc2 encoded by FFmpeg's mjpeg encoder. */
    private static List<byte[]> frames() throws Exception {
        Path dir = Files.createTempDirectory("mjpeg-bench");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=640x480:rate=30", "-frames:v", "90", "-q:v", "5", "-f", "image2",
                dir.resolve("frame%03d.jpg").toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg (Debian package ffmpeg) could not make the test frames");
        }
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                frames.add(Files.readAllBytes(f));
                Files.delete(f);
            }
        }
        Files.delete(dir);
        return frames;
    }
}
