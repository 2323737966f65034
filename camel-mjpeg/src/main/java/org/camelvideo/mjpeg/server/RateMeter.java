package org.camelvideo.mjpeg.server;

/** Frames per second over the last full second, for the viewer page. */
final class RateMeter {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private long windowStart;
    private long lastTick;
    private int count;
    private double rate;

    synchronized void tick(long nowNanos) {
        if (count == 0 && windowStart == 0) {
            windowStart = nowNanos;
        }
        count++;
        lastTick = nowNanos;
        long elapsed = nowNanos - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            rate = count * 1e9 / elapsed;
            count = 0;
            windowStart = nowNanos;
        }
    }

    /** The rate, 0 once nothing has come for two windows. */
    synchronized double rate(long nowNanos) {
        return lastTick == 0 || nowNanos - lastTick > 2 * WINDOW_NANOS ? 0 : rate;
    }
}
