package org.camelvideo.benchmarks.reference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} program bytedeco ships beside the libraries our routes use: the reference
 * that runs the same encoder builds. Timing comes from its own {@code -benchmark} report, so
 * process start-up is not counted against it.
 */
public final class FfmpegProgram {

    private static final Pattern BENCH = Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private final String path;

    public FfmpegProgram() {
        path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    /** What a run took: wall-clock seconds, and CPU seconds over all its threads. */
    public record Timing(double seconds, double cpuSeconds) {
    }

    /** Seconds ffmpeg spent transcoding with these arguments (input and output included). */
    public double seconds(List<String> arguments) throws IOException, InterruptedException {
        return run(arguments).seconds();
    }

    public Timing run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(path, "-hide_banner", "-nostats", "-benchmark"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command) + "\n" + output);
        }
        Matcher m = BENCH.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("No -benchmark line in ffmpeg's output:\n" + output);
        }
        return new Timing(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)));
    }

    /** The arguments that read raw I420 frames from {@code file}. */
    public static List<String> rawInput(String file, int width, int height) {
        return List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-video_size", width + "x" + height, "-framerate", "30", "-i",
                       file);
    }

    public String version() throws IOException {
        Process p = new ProcessBuilder(path, "-version").redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("ffmpeg");
        return first.replaceAll(" Copyright.*", "");
    }
}
