package org.camelvideo.mjpeg;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ProducerTemplate;

/**
 * Sends pictures to an endpoint at a steady rate, as a camera route would, until closed or for
 * at most {@code maxSeconds}.
 */
public final class FramePump implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "frame-pump");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();

    public FramePump(ProducerTemplate template, String uri, List<byte[]> frames, int fps, int maxSeconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() > end) {
                timer.shutdown();
                return;
            }
            long n = sent.getAndIncrement();
            template.sendBody(uri, frames.get((int) (n % frames.size())));
        }, 0, 1_000_000L / fps, TimeUnit.MICROSECONDS);
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
