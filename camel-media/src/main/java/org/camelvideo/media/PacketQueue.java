package org.camelvideo.media;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands packets from a network thread to the one thread that runs the route, so that a slow
 * route never stalls the event loop it came from, which also serves other connections: the
 * readers of a server on the same port, the other publishers.
 * <p>
 * The network thread never waits. Past {@code maxBytes} of packets waiting, the queue stops
 * reading the connection ({@link ReadFlow}) until the route has worked the queue down to half:
 * over TCP the sender slows down and nothing is lost, as with a route run on the event loop,
 * but other connections carry on. Once paused, the queue still takes what was read already and
 * what the transport hands over regardless, up to {@link #PAUSED_HEADROOM_BYTES} (or the bound,
 * if larger) beyond the bound: when the sender closes, Netty reads its socket to the end to see
 * the close, and a sender that finished ahead of a slow route has left up to the socket's
 * receive buffer there, a few MiB on Linux. Where reading cannot stop (UDP), or past that, the
 * queue drops: a packet that cannot be decoded on its own is
 * dropped, and so is all that follows until the next one that can (a video keyframe; any audio
 * frame of a stream without video). That one replaces everything still waiting, which is stale
 * by then, so a route that falls behind resumes live and from a picture it can decode. Drops
 * are counted and logged.
 */
public final class PacketQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PacketQueue.class);
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;
    /** Linux autotunes a TCP receive buffer up to 6 MiB by default (net.ipv4.tcp_rmem). */
    static final long PAUSED_HEADROOM_BYTES = 8L * 1024 * 1024;

    private final String name;
    private final long maxBytes;
    private final ReadFlow flow;
    private final ArrayDeque<MediaPacket> queue = new ArrayDeque<>();
    private long bytes;
    private boolean sawVideo;
    private boolean skipping;
    private boolean paused;
    private boolean takerWaiting;
    private boolean ended;
    private boolean closed;
    private long dropped;
    private long lastWarn = System.nanoTime() - WARN_INTERVAL_NANOS;

    /**
     * @param name     what the packets come from, for the log
     * @param maxBytes payload bytes that may wait for the route
     * @param flow     the connection to pause when they do; null if it cannot be
     */
    public PacketQueue(String name, long maxBytes, ReadFlow flow) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("The route's queue needs a positive byte bound, got " + maxBytes);
        }
        this.name = name;
        this.maxBytes = maxBytes;
        this.flow = flow;
    }

    /** Queues {@code packet} for the route, or drops it; never waits. */
    public void offer(MediaPacket packet) {
        long droppedNow;
        boolean resume = false;
        synchronized (this) {
            if (ended || closed) {
                return;
            }
            long before = dropped;
            sawVideo |= packet.codec().isVideo();
            int size = packet.payload().length;
            if (!skipping && bytes + size > maxBytes && flow != null && flow.pause()) {
                paused = true;
            }
            if (skipping || bytes + size > (paused ? maxBytes + Math.max(maxBytes, PAUSED_HEADROOM_BYTES) : maxBytes)) {
                skipping = !decodableAlone(packet);
                if (skipping) {
                    dropped++;
                } else {
                    dropped += queue.size();
                    queue.clear();
                    bytes = 0;
                    resume = paused;
                    paused = false;
                }
            }
            if (!skipping) {
                queue.add(packet);
                bytes += size;
                if (takerWaiting) {
                    notifyAll();
                }
            }
            droppedNow = dropped > before && System.nanoTime() - lastWarn >= WARN_INTERVAL_NANOS ? dropped : 0;
            if (droppedNow > 0) {
                lastWarn = System.nanoTime();
            }
        }
        if (resume) {
            flow.resume();
        }
        if (droppedNow == 0) {
            return;
        }
        LOG.warn("{}: the route is slower than the stream; dropping packets up to the next keyframe ({} dropped so far)",
                 name, droppedNow);
    }

    private boolean decodableAlone(MediaPacket packet) {
        return packet.codec().isVideo() ? packet.isKeyframe() : !sawVideo;
    }

    /**
     * Runs the route with each packet in turn, on the calling thread, until {@link #close()},
     * or until all is done after {@link #end()}.
     * A packet whose route fails is the route's business: {@code route} must not throw.
     */
    public void drain(Consumer<MediaPacket> route) {
        while (true) {
            MediaPacket next;
            boolean resume = false;
            synchronized (this) {
                while (queue.isEmpty() && !ended && !closed) {
                    takerWaiting = true;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        takerWaiting = false;
                    }
                }
                if (closed || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                bytes -= next.payload().length;
                if (paused && bytes <= maxBytes / 2) {
                    paused = false;
                    resume = true;
                }
            }
            if (resume) {
                flow.resume();
            }
            route.accept(next);
        }
    }

    /** Packets dropped because the route fell behind. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Payload bytes waiting for the route. */
    public synchronized long pendingBytes() {
        return bytes;
    }

    /** Takes no more packets; {@link #drain} returns once it has run the route with those waiting. */
    public synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Discards what waits and ends {@link #drain}, once the packet in flight is done. */
    public synchronized void close() {
        closed = true;
        queue.clear();
        bytes = 0;
        notifyAll();
    }
}
