package org.camelvideo.rtsp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer program run with a hard time limit; its output collected, itself always killed. */
public final class Proc implements AutoCloseable {

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread pump;

    private Proc(Process process) {
        this.process = process;
        this.pump = new Thread(() -> copy(process.getInputStream()), "peer-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command} with stderr merged into stdout. */
    public static Proc start(List<String> command) {
        try {
            return new Proc(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0;) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    /** Waits up to {@code seconds}; returns the exit code, or -1 after killing it at the limit. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            return -1;
        }
        pump.join(2000);
        return process.exitValue();
    }

    /** Waits until the output contains {@code needle}; returns whether it did within {@code millis}. */
    public boolean awaitOutput(String needle, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (output().contains(needle)) {
                return true;
            }
            if (!process.isAlive()) {
                pump.join(1000);
                return output().contains(needle);
            }
            Thread.sleep(10);
        }
        return false;
    }

    public String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Freezes the process (SIGSTOP): it reads nothing more from its sockets, as a stuck reader would. */
    public void suspend() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
