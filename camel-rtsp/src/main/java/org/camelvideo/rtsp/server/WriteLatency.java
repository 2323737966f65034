package org.camelvideo.rtsp.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long after the producer handed a frame over it was written to each reader's socket: a
 * histogram of 10 µs buckets up to 50 ms, cheap enough to fill for every reader of every frame.
 */
public final class WriteLatency {

    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 5000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    void record(long nanos) {
        long bucket = nanos / 1000 / BUCKET_MICROS;
        counts.incrementAndGet((int) Math.min(Math.max(bucket, 0), BUCKETS));
    }

    /** Starts counting afresh, e.g. once a server is warmed up or after a change of load. */
    public void reset() {
        for (int i = 0; i <= BUCKETS; i++) {
            counts.set(i, 0);
        }
    }

    /** Writes recorded so far. */
    public long count() {
        long n = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The latency in microseconds that a fraction {@code q} (0.5 for the median, 0.99) of the
     * writes did not exceed, to the bucket's upper edge; 0 before any write.
     */
    public long percentileMicros(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (long) (i + 1) * BUCKET_MICROS;
            }
        }
        return (long) (BUCKETS + 1) * BUCKET_MICROS;
    }
}
