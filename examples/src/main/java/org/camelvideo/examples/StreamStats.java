package org.camelvideo.examples;

import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.camelvideo.media.MediaPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the encoded video packets passing by and logs frame rate and bit rate every few
 * seconds, so a running job shows that it is alive and what it sends.
 */
public final class StreamStats implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(StreamStats.class);

    private final String name;
    private final long periodNanos;
    private long windowStart = System.nanoTime();
    private long frames;
    private long bytes;
    private long keyframes;

    public StreamStats(String name, long periodSeconds) {
        this.name = name;
        this.periodNanos = TimeUnit.SECONDS.toNanos(periodSeconds);
    }

    @Override
    public synchronized void process(Exchange exchange) {
        MediaPacket packet = exchange.getMessage().getBody(MediaPacket.class);
        if (packet == null || !packet.codec().isVideo()) {
            return;
        }
        frames++;
        bytes += packet.payload().length;
        keyframes += packet.isKeyframe() ? 1 : 0;
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed >= periodNanos) {
            double seconds = elapsed / 1e9;
            String size = packet.config() == null ? "" : " " + packet.config().width() + "x" + packet.config().height();
            LOG.info("{}{}: {} fps, {} kbit/s, {} keyframes in {} s", name, size, String.format("%.1f", frames / seconds),
                     Math.round(bytes * 8 / seconds / 1000), keyframes, Math.round(seconds));
            windowStart = now;
            frames = 0;
            bytes = 0;
            keyframes = 0;
        }
    }
}
