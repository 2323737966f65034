package org.camelvideo.mjpeg.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBufAllocator;

/**
 * One served stream: the latest frame and the viewers watching it. Publishing builds the part
 * once and hands each viewer a reference to it; it never waits for a viewer, so the route runs at
 * its own pace whatever the viewers do.
 */
public final class LiveStream {

    private final String path;
    private final int maxClients;
    private final long viewerTimeoutNanos;
    private final ByteBufAllocator alloc;
    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger places = new AtomicInteger();
    private final RateMeter fps = new RateMeter();
    private final LongAdder published = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private Frame latest;
    private long sequence;

    /**
     * @param path              the stream's path
     * @param maxClients        how many viewers at most, 0 for no limit
     * @param viewerTimeoutMillis how long a viewer may take to accept one frame before it is closed
     * @param alloc             allocates the shared parts
     */
    public LiveStream(String path, int maxClients, long viewerTimeoutMillis, ByteBufAllocator alloc) {
        this.path = path;
        this.maxClients = maxClients;
        this.viewerTimeoutNanos = viewerTimeoutMillis * 1_000_000L;
        this.alloc = alloc;
    }

    /** Makes {@code jpeg} the latest frame and offers it to every viewer. Never blocks. */
    public void publish(byte[] jpeg, long timestampMicros) {
        Frame old;
        Frame frame;
        synchronized (this) {
            frame = Frame.of(alloc, jpeg, timestampMicros, ++sequence);
            old = latest;
            latest = frame;
        }
        fps.tick(System.nanoTime());
        published.increment();
        for (Viewer viewer : viewers) {
            viewer.offer(frame);
        }
        if (old != null) {
            old.release();
        }
    }

    /** The latest frame retained for the caller, or null before the first one. */
    synchronized Frame latest() {
        return latest == null ? null : latest.retain();
    }

    /** Takes a viewer place; false when {@code maxClients} are already watching. */
    boolean reserve() {
        while (true) {
            int n = places.get();
            if (maxClients > 0 && n >= maxClients) {
                rejected.increment();
                return false;
            }
            if (places.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void add(Viewer viewer) {
        viewers.add(viewer);
    }

    /** Gives back the place of a viewer that has gone. */
    void remove(Viewer viewer) {
        if (viewers.remove(viewer)) {
            places.decrementAndGet();
        }
    }

    void skipped() {
        skipped.increment();
    }

    void sent(int bytes) {
        bytesSent.add(bytes);
    }

    void timedOut() {
        timedOut.increment();
    }

    long viewerTimeoutNanos() {
        return viewerTimeoutNanos;
    }

    /** Disconnects every viewer and lets the latest frame go. */
    public void close() {
        for (Viewer viewer : viewers) {
            viewer.close();
        }
        Frame old;
        synchronized (this) {
            old = latest;
            latest = null;
        }
        if (old != null) {
            old.release();
        }
    }

    public String path() {
        return path;
    }

    int maxClients() {
        return maxClients;
    }

    public int viewerCount() {
        return viewers.size();
    }

    public long framesPublished() {
        return published.sum();
    }

    /** Frames that viewers skipped because they were still busy with an older one. */
    public long framesSkipped() {
        return skipped.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Viewers turned away with 503 because {@code maxClients} were watching. */
    public long viewersRejected() {
        return rejected.sum();
    }

    /** Viewers closed because they accepted nothing for the viewer timeout. */
    public long viewersTimedOut() {
        return timedOut.sum();
    }

    /** Frames per second published over the last second. */
    public double fps() {
        return fps.rate(System.nanoTime());
    }

    /** Width and height of the latest frame, {0, 0} before the first. */
    public synchronized int[] size() {
        return latest == null ? new int[] { 0, 0 } : new int[] { latest.width(), latest.height() };
    }
}
