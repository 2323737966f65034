package org.camelvideo.mjpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The programs not written here that the acceptance tests play against. A missing one fails the
 * test with the Debian package that provides it (.ci/run installs them all).
 */
public final class Peers {

    private Peers() {
    }

    public static String ffmpeg() {
        return require("/usr/bin/ffmpeg", "ffmpeg");
    }

    public static String ffprobe() {
        return require("/usr/bin/ffprobe", "ffmpeg");
    }

    public static String openssl() {
        return require("/usr/bin/openssl", "openssl");
    }

    public static String chromium() {
        return require("/usr/bin/chromium", "chromium");
    }

    private static String require(String program, String debianPackage) {
        if (!Files.isExecutable(Path.of(program))) {
            fail(program + " is missing: install the Debian package '" + debianPackage + "' (.ci/run does)");
        }
        return program;
    }

    /** Runs a program to its end within {@code timeoutSeconds}, its output (both streams) returned. */
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
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        reader.join();
        return new Result(p.exitValue(), out.toString());
    }

    public record Result(int exitCode, String output) {
    }
}
