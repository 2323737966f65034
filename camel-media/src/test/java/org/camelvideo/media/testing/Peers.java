package org.camelvideo.media.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real programs the acceptance tests of every module talk to, and the ports they listen on.
 * A missing program fails the test with the Debian package to install (.ci/run installs them
 * all): a skipped interop test would hide exactly what it is there to show.
 */
public final class Peers {

    private Peers() {
    }

    /** The path of a program, or an AssertionError naming the package that provides it. */
    public static String require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String dir : new String[] { "/usr/sbin", "/usr/bin" }) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(program + " is not installed: apt-get install " + debianPackage);
    }

    public static String ffmpeg() {
        return require("ffmpeg", "ffmpeg");
    }

    public static String ffprobe() {
        return require("ffprobe", "ffmpeg");
    }

    public static String openssl() {
        return require("openssl", "openssl");
    }

    public static String chromium() {
        return require("chromium", "chromium");
    }

    /** The system Python that has PyGObject and GStreamer's RTSP server; a pyenv python3 on PATH lacks them. */
    public static String python() {
        requireFile("/usr/lib/x86_64-linux-gnu/girepository-1.0/GstRtspServer-1.0.typelib", "gir1.2-gst-rtsp-server-1.0");
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            throw new AssertionError("/usr/bin/python3 is not installed: apt-get install python3-gi");
        }
        return "/usr/bin/python3";
    }

    /** What a program printed (both streams) and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a program to its end within {@code timeoutSeconds}; a program that overruns fails the test. */
    public static Result run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes()));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        reader.join();
        return new Result(p.exitValue(), out.toString());
    }

    /**
     * "codec WxH frames" as the ffprobe program decodes the first video stream at {@code url},
     * reading {@code frames} frames, or what ffprobe said when it could not. {@code format} forces
     * a demuxer ("mpjpeg"), "rtsp" asks for RTSP over TCP, null lets ffprobe choose.
     */
    public static String ffprobeFrames(String format, String url, int frames) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffprobe(), "-v", "error"));
        if ("rtsp".equals(format)) {
            command.addAll(List.of("-rtsp_transport", "tcp"));
        } else if (format != null) {
            command.addAll(List.of("-f", format));
        }
        command.addAll(List.of("-read_intervals", "%+#" + frames, "-count_frames", "-select_streams", "v:0",
                                         "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", url));
        String out = run(60, command.toArray(String[]::new)).output().trim();
        String[] f = out.split(",");
        return f.length < 4 ? out : f[0] + " " + f[1] + "x" + f[2] + " " + f[3];
    }

    public static void requireFile(String path, String debianPackage) {
        if (!Files.exists(Path.of(path))) {
            throw new AssertionError(path + " is missing: apt-get install " + debianPackage);
        }
    }

    /** A port free on 127.0.0.1 right now, for a server the test starts. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether something listens on the TCP port, read from /proc so that probing does not use up
     * the one connection an {@code ffmpeg -listen 1} accepts.
     */
    public static boolean listening(int port) {
        String hexPort = String.format(":%04X ", port);
        for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && "0A".equals(f[3])) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // No IPv6 table on this machine.
            }
        }
        return false;
    }

    /**
     * Whether the port stopped listening within the time. A Netty close completes before the
     * socket is gone: Java NIO frees a selector-registered socket on the event loop's next select.
     */
    public static boolean closedWithin(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (listening(port)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public static void awaitListening(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!listening(port)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Nothing listens on port " + port + " after " + timeoutMillis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
