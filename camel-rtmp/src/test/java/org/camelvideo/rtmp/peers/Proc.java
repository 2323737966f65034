package org.camelvideo.rtmp.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer program run by a test, its output kept in a file for the assertion messages. */
public final class Proc implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final List<String> command;

    private Proc(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    public static Proc start(Path log, List<String> command) throws IOException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Proc(p, log, command);
    }

    /** Runs to completion within the timeout; the output, or an AssertionError with it. */
    public static String run(Path log, long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        try (Proc p = start(log, command)) {
            int code = p.waitFor(timeoutSeconds);
            if (code != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + code + ":\n" + p.output());
            }
            return p.output();
        }
    }

    /** The exit code, or an AssertionError when it did not end in time. */
    public int waitFor(long timeoutSeconds) throws InterruptedException, IOException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the program the way a crash or an admin would: no goodbye to its clients. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
