package org.camelvideo.rtmp.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.camelvideo.rtmp.chunk.ChunkEncoder;
import org.camelvideo.rtmp.message.RtmpMessage;

/**
 * A publisher's connection, on which the publishing thread writes media to the socket itself
 * while nothing is queued in the pipeline, instead of handing each frame to the event loop. On
 * this project's machines a thread wake-up costs tens of microseconds, more than chunking and
 * writing a frame, and the hand-off added one per video frame (and a preemption around it) to the
 * wake-up the route's own thread has anyway; written here, a flowing stream leaves the event
 * loop asleep, as FFmpeg's single thread writes its own packets.
 * <p>
 * Messages not flushed (audio between video frames, the announcements before a keyframe) are
 * held here and leave with the next flushed one in a single gathering write: on loopback each
 * write also wakes the reading server, so it costs about what a wake-up does.
 * <p>
 * The write never blocks: whatever the socket does not take at once, and every message while
 * earlier bytes still wait in the pipeline, goes through Netty as before (chunked here, so that
 * the bytes keep the order their chunk headers were chosen in), where back-pressure
 * ({@code maxPendingBytes}), the write timeout and a failing socket are handled. Everything the
 * event loop writes of its own (acknowledgements, ping responses, commands) still goes through
 * the pipeline; see {@link ChunkEncoder}.
 * <p>
 * Java NIO rather than the epoll transport: a JDK socket channel may be written from any thread
 * and keeps its descriptor until a write under way has returned, where epoll's descriptor
 * number could be closed by the event loop, and taken by another socket, during a write from
 * outside it. Plain TCP only: TLS records must be made in order by the pipeline's SslHandler.
 */
public final class PublishSocketChannel extends NioSocketChannel {

    /**
     * How often the event loop sends what is still held, for a stream whose packets stopped
     * altogether (a source that ended or stalled): once a second costs the loop one wake-up a
     * second, where a deadline re-armed at each write would wake it at every frame.
     */
    private static final long SWEEP_SECONDS = 1;

    private volatile ChunkEncoder encoder;
    /** Messages chunked and held for the next flush; guarded by the encoder's monitor. */
    private final List<ByteBuf> held = new ArrayList<>();

    /** Set as the pipeline is made, on the event loop; until then every message goes through the pipeline. */
    void chunkEncoder(ChunkEncoder chunkEncoder) {
        this.encoder = chunkEncoder;
        ScheduledFuture<?> sweep = eventLoop().scheduleAtFixedRate(this::flushHeld, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        closeFuture().addListener(f -> {
            sweep.cancel(false);
            synchronized (chunkEncoder) {
                held.forEach(ByteBuf::release);
                held.clear();
            }
        });
    }

    /**
     * Sends a message, or with {@code flush} false holds it to leave in one write with the next
     * one flushed; releases the message. Written on this thread when the pipeline has nothing
     * queued, else through it.
     */
    void publish(RtmpMessage message, boolean flush) {
        ChunkEncoder chunks = encoder;
        if (chunks == null) {
            writeAndFlush(message, voidPromise());
            return;
        }
        synchronized (chunks) {
            ByteBuf out = chunks.encode(alloc(), message);
            if (!flush && !isOpen()) {
                // The close has released what was held, or is about to; nothing would release this.
                out.release();
                return;
            }
            held.add(out);
            if (flush) {
                send(chunks);
            }
        }
    }

    /** Sends what is held: as a publisher stops, and from the event loop's sweep. */
    void flushHeld() {
        ChunkEncoder chunks = encoder;
        if (chunks != null) {
            synchronized (chunks) {
                if (!held.isEmpty()) {
                    send(chunks);
                }
            }
        }
    }

    private void send(ChunkEncoder chunks) {
        if (chunks.isDrained() && isActive()) {
            writeNow();
        }
        int last = held.size() - 1;
        for (int i = 0; i <= last; i++) {
            ByteBuf out = held.get(i);
            if (!out.isReadable()) {
                out.release();
            } else if (i < last) {
                write(out, chunks.track(newPromise(), out.readableBytes()));
            } else {
                writeAndFlush(out, chunks.track(newPromise(), out.readableBytes()));
            }
        }
        held.clear();
    }

    private void writeNow() {
        ByteBuffer[] buffers = new ByteBuffer[held.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = held.get(i).nioBuffer();
        }
        long written;
        try {
            written = javaChannel().write(buffers);
        } catch (IOException e) {
            // The pipeline's write of the same bytes fails the same way and closes the connection with the reason.
            return;
        }
        for (ByteBuf out : held) {
            int n = (int) Math.min(written, out.readableBytes());
            out.skipBytes(n);
            written -= n;
        }
    }
}
