package org.camelvideo.benchmarks.encode;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.benchmarks.reference.FfmpegProgram;
import org.camelvideo.benchmarks.reference.TestFrames;
import org.camelvideo.h264.encode.H264Encoder;

/**
 * Frames per second of {@code camera:testsrc -> h264:encode} against the {@code ffmpeg} program
 * encoding the same raw frames with the same settings, at 640x480, 1280x720 and 1920x1080, with
 * libx264 (ultrafast, zerolatency) and libopenh264. The ffmpeg program is the one bytedeco ships
 * with the very libraries the route uses, so both sides run the same encoder build. Also prints
 * the route's allocation and GC time per 1000 frames.
 * <p>
 * Each size and encoder starts with runs that are thrown away, long enough for the JIT to compile
 * the route's hot paths: a camera route runs for hours, and on two cores the compiler threads
 * would otherwise take CPU from the encoder in the measured window. Both sides leave the number
 * of encoder threads to their automatic choice, or with {@code threads=N} both use N.
 */
public final class EncodeBenchmark {

    private static final int WARMUP = 60;
    private static final int RUNS = 5;
    private static final int JIT_WARMUP_SECONDS = 4;
    private static final int[][] SIZES = { { 640, 480, 1_000_000, 1800 }, { 1280, 720, 2_500_000, 900 },
                                           { 1920, 1080, 5_000_000, 480 } };
    private static final String[] ENCODERS = { "libx264", "libopenh264" };

    private EncodeBenchmark() {
    }

    /** @param args sizes to run, e.g. {@code 640x480}, all three when none; {@code threads=N} for N encoder threads on both sides */
    public static void main(String[] args) throws Exception {
        FfmpegProgram ffmpeg = new FfmpegProgram();
        List<String> only = new ArrayList<>(List.of(args));
        int threads = 0;
        for (String arg : args) {
            if (arg.startsWith("threads=")) {
                threads = Integer.parseInt(arg.substring("threads=".length()));
                only.remove(arg);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int[] size : SIZES) {
            int width = size[0];
            int height = size[1];
            if (!only.isEmpty() && !only.contains(width + "x" + height)) {
                continue;
            }
            int bitrate = size[2];
            int frames = size[3];
            Path raw = TestFrames.rawFile(width, height, WARMUP + frames);
            try {
                for (String encoder : ENCODERS) {
                    // Alternate the two sides and keep the median of each, so a passing load on the
                    // machine weighs on both alike.
                    List<Result> camelRuns = new ArrayList<>();
                    List<Double> ffmpegRuns = new ArrayList<>();
                    double roughFps = camel(width, height, bitrate, encoder, threads, frames).fps;
                    camel(width, height, bitrate, encoder, threads, (int) (roughFps * JIT_WARMUP_SECONDS));
                    for (int run = 0; run < RUNS; run++) {
                        camelRuns.add(camel(width, height, bitrate, encoder, threads, frames));
                        ffmpegRuns.add(ffmpeg(ffmpeg, raw, width, height, bitrate, encoder, threads, WARMUP + frames));
                    }
                    camelRuns.sort(java.util.Comparator.comparingDouble(Result::fps));
                    ffmpegRuns.sort(Double::compare);
                    Result camel = camelRuns.get(RUNS / 2);
                    double ffmpegFps = ffmpegRuns.get(RUNS / 2);
                    rows.add(String.format("| %dx%d | %s | %.1f | %.1f | %.2fx | %.0f | %.1f |", width, height, encoder,
                                           camel.fps, ffmpegFps, camel.fps / ffmpegFps, camel.allocMbPer1000,
                                           camel.gcMsPer1000));
                    System.out.println(rows.get(rows.size() - 1));
                }
            } finally {
                Files.deleteIfExists(raw);
            }
        }
        System.out.println();
        System.out.println("camera:testsrc -> h264:encode against the ffmpeg program (bytedeco " + ffmpeg.version()
                           + ", same libraries), preset ultrafast, tune zerolatency, gop 60, "
                           + (threads == 0 ? "encoder threads automatic" : threads + " encoder thread(s) on both sides") + ", "
                           + cores() + " cores, JVM warmed up, median of " + RUNS + " alternating runs");
        System.out.println("| size | encoder | camel fps | ffmpeg fps | ratio | camel alloc MB/1000 frames"
                           + " | camel GC ms/1000 frames |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Reproduce: benchmarks/run encode" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    private record Result(double fps, double allocMbPer1000, double gcMsPer1000) {
    }

    private static Result camel(int width, int height, int bitrate, String encoder, int threads, int frames) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        long[] marks = new long[3];
        int[] count = { 0 };
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                fromF("camera:testsrc?width=%d&height=%d&fps=30&realtime=false", width, height)
                        .toF("h264:encode?encoder=%s&preset=ultrafast&tune=zerolatency&bitrate=%d&gop=60&fps=30&threads=%d", encoder,
                             bitrate, threads)
                        .process(e -> {
                            int n = ++count[0];
                            if (n == WARMUP) {
                                marks[0] = System.nanoTime();
                                marks[1] = allocatedBytes();
                                marks[2] = gcMillis();
                                started.countDown();
                            } else if (n == WARMUP + frames) {
                                long elapsed = System.nanoTime() - marks[0];
                                marks[0] = elapsed;
                                marks[1] = allocatedBytes() - marks[1];
                                marks[2] = gcMillis() - marks[2];
                                done.countDown();
                            }
                        });
            }
        });
        context.start();
        try {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The route did not finish " + frames + " frames in 10 minutes");
            }
        } finally {
            context.stop();
        }
        double seconds = marks[0] / 1e9;
        return new Result(frames / seconds, marks[1] / 1e6 * 1000 / frames, marks[2] * 1000.0 / frames);
    }

    /** Bytes allocated so far by every live thread (the capture and route threads among them). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static double ffmpeg(FfmpegProgram ffmpeg, Path raw, int width, int height, int bitrate, String encoder, int threads,
                                 int frames) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(FfmpegProgram.rawInput(raw.toString(), width, height));
        args.addAll(List.of("-threads", Integer.toString(threads), "-c:v", encoder, "-b:v", Integer.toString(bitrate), "-maxrate", Integer.toString(bitrate),
                            "-bufsize", Integer.toString(bitrate), "-g", "60", "-keyint_min", "60", "-bf", "0"));
        if (encoder.equals("libx264")) {
            args.addAll(List.of("-preset", "ultrafast", "-tune", "zerolatency", "-sc_threshold", "0", "-forced-idr", "1"));
        } else {
            args.addAll(List.of("-rc_mode", "bitrate"));
        }
        int slices = H264Encoder.sliceCount(encoder, threads, cores());
        if (slices > 0) {
            // The slices h264:encode chose for libopenh264: the same settings, and they decide its speed.
            args.addAll(List.of("-slices", Integer.toString(slices)));
        }
        args.addAll(List.of("-f", "null", "-"));
        return frames / ffmpeg.seconds(args);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
