package org.camelvideo.benchmarks.jpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelvideo.benchmarks.reference.FfmpegProgram;
import org.camelvideo.benchmarks.reference.TestFrames;
import org.camelvideo.jpeg.JpegEncoders;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.VideoFrame;

/**
 * What one VideoFrame-to-JPEG conversion costs (the one {@code mjpeg:} does per frame, whatever
 * the number of viewers) against FFmpeg's mjpeg encoder in the {@code ffmpeg} program on the same
 * frames at the same quantiser, median of three alternating runs per side.
 */
public final class JpegEncodeBenchmark {

    private static final int FRAMES = 600;
    private static final int RUNS = 3;
    private static final int QUALITY = 85;
    private static final int[][] SIZES = { { 640, 480 }, { 1280, 720 } };

    private JpegEncodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FfmpegProgram ffmpeg = new FfmpegProgram();
        CamelContext context = new DefaultCamelContext();
        context.start();
        List<String> rows = new ArrayList<>();
        for (int[] size : SIZES) {
            int width = size[0];
            int height = size[1];
            List<VideoFrame> frames = TestFrames.capture(width, height, FRAMES);
            Path raw = TestFrames.rawFile(width, height, FRAMES);
            try {
                List<Double> ours = new ArrayList<>();
                List<Double> theirs = new ArrayList<>();
                List<Double> theirsCpu = new ArrayList<>();
                long bytes = 0;
                for (int run = 0; run < RUNS; run++) {
                    long start = System.nanoTime();
                    bytes = 0;
                    for (VideoFrame frame : frames) {
                        Exchange exchange = new DefaultExchange(context);
                        exchange.setProperty(MediaHeaders.JPEG_QUALITY, QUALITY);
                        bytes += context.getTypeConverter().mandatoryConvertTo(byte[].class, exchange, frame).length;
                    }
                    ours.add((System.nanoTime() - start) / 1e3 / FRAMES);
                    List<String> command = new ArrayList<>(FfmpegProgram.rawInput(raw.toString(), width, height));
                    command.addAll(List.of("-c:v", "mjpeg", "-q:v", Integer.toString(JpegEncoders.qscale(QUALITY)),
                                           "-f", "null", "-"));
                    FfmpegProgram.Timing timing = ffmpeg.run(command);
                    theirs.add(timing.seconds() * 1e6 / FRAMES);
                    theirsCpu.add(timing.cpuSeconds() * 1e6 / FRAMES);
                }
                ours.sort(Double::compare);
                theirs.sort(Double::compare);
                theirsCpu.sort(Double::compare);
                double camel = ours.get(RUNS / 2);
                double reference = theirs.get(RUNS / 2);
                double referenceCpu = theirsCpu.get(RUNS / 2);
                rows.add(String.format("| %dx%d | %d (q %d) | %.0f | %.0f | %.0f | %.2fx | %.2fx | %.1f |", width, height,
                                       QUALITY, JpegEncoders.qscale(QUALITY), camel, reference, referenceCpu,
                                       camel / reference, camel / referenceCpu, bytes / 1024.0 / FRAMES));
                System.out.println(rows.get(rows.size() - 1));
            } finally {
                Files.deleteIfExists(raw);
            }
        }
        context.stop();
        System.out.println();
        System.out.println("VideoFrame -> JPEG (Camel type conversion, FFmpeg mjpeg in-process) against the ffmpeg program"
                           + " (bytedeco " + ffmpeg.version() + ") on the same " + FRAMES + " testsrc frames, "
                           + Runtime.getRuntime().availableProcessors() + " cores, median of " + RUNS + " runs");
        System.out.println("| size | quality | camel us/frame (one thread) | ffmpeg us/frame (wall) | ffmpeg CPU us/frame"
                           + " | ratio to wall | ratio to CPU | camel KiB/frame |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Reproduce: benchmarks/run jpeg");
    }
}
