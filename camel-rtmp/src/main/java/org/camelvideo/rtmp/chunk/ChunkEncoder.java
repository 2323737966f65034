package org.camelvideo.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.util.collection.IntObjectHashMap;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;

/**
 * Splits RTMP messages into chunks, choosing the smallest header format that tells the peer
 * what changed since the last message on the same chunk stream: format 0 for the first message
 * or a new message stream or a timestamp going back, 1 when the length or type changes, 2 when
 * only the timestamp moves, 3 when even the delta repeats. Timestamps past 0xFFFFFF go in an
 * extended field repeated on every chunk of the message. A Set Chunk Size written through here
 * takes effect for the messages after it.
 * <p>
 * A publisher's thread may chunk messages itself and write them to the socket past the pipeline
 * ({@code PublishSocketChannel}): it does so holding this encoder's monitor, and only while
 * {@link #isDrained()}, so that bytes leave in the order their headers were chosen in. Bytes
 * already chunked pass through untouched.
 */
public final class ChunkEncoder extends ChannelOutboundHandlerAdapter {

    private static final int EXTENDED = 0xFFFFFF;
    /** The message length field has 24 bits. */
    public static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;

    private final IntObjectHashMap<LastHeader> last = new IntObjectHashMap<>();
    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;
    /** Bytes chunked here, or handed on as chunked by a publisher, that the socket has not taken yet. */
    private long unwritten;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof RtmpMessage)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf out;
        ChannelPromise tracked;
        synchronized (this) {
            try {
                out = encode(ctx.alloc(), (RtmpMessage) msg);
            } catch (EncoderException e) {
                promise.setFailure(e);
                return;
            }
            tracked = track(promise, out.readableBytes());
        }
        // Outside the monitor: a failed write's listeners may close the channel and reach a publisher's lock.
        ctx.write(out, tracked);
    }

    /** Whether every byte that went through here has reached the socket. */
    public synchronized boolean isDrained() {
        return unwritten == 0;
    }

    /** Counts {@code bytes} as unwritten until {@code promise}'s write is done, whether it succeeds or fails. */
    public synchronized ChannelPromise track(ChannelPromise promise, int bytes) {
        ChannelPromise tracked = promise.unvoid();
        unwritten += bytes;
        tracked.addListener(f -> untrack(bytes));
        return tracked;
    }

    private synchronized void untrack(int bytes) {
        unwritten -= bytes;
    }

    /**
     * The message as chunks, in a direct buffer; releases the message.
     *
     * @throws EncoderException for a message longer than an RTMP message can be
     */
    public synchronized ByteBuf encode(ByteBufAllocator alloc, RtmpMessage msg) {
        try {
            int length = msg.content().readableBytes();
            if (length > MAX_MESSAGE_LENGTH) {
                throw new EncoderException("An RTMP message carries at most " + MAX_MESSAGE_LENGTH + " bytes, not " + length);
            }
            int chunks = Math.max(1, (length + chunkSize - 1) / chunkSize);
            ByteBuf out = alloc.ioBuffer(length + 18 + chunks * 7);
            encode(msg, out);
            return out;
        } finally {
            msg.release();
        }
    }

    private void encode(RtmpMessage msg, ByteBuf out) {
        ByteBuf payload = msg.content();
        int length = payload.readableBytes();
        int csid = msg.chunkStreamId();
        long timestamp = msg.timestamp();
        LastHeader prev = last.get(csid);
        int format;
        long field;
        if (prev == null || prev.streamId != msg.streamId() || timestamp < prev.timestamp) {
            format = 0;
            field = timestamp;
        } else {
            field = timestamp - prev.timestamp;
            if (prev.length != length || prev.typeId != msg.typeId()) {
                format = 1;
            } else if (prev.format == 0 || prev.delta != field) {
                format = 2;
            } else {
                format = 3;
            }
        }
        if (prev == null) {
            prev = new LastHeader();
            last.put(csid, prev);
        }
        boolean extended = field >= EXTENDED;
        writeBasicHeader(out, format, csid);
        if (format <= 2) {
            out.writeMedium(extended ? EXTENDED : (int) field);
        }
        if (format <= 1) {
            out.writeMedium(length);
            out.writeByte(msg.typeId());
        }
        if (format == 0) {
            out.writeIntLE((int) msg.streamId());
        }
        if (extended) {
            out.writeInt((int) field);
        }
        int offset = payload.readerIndex();
        int written = 0;
        do {
            if (written > 0) {
                writeBasicHeader(out, 3, csid);
                if (extended) {
                    out.writeInt((int) field);
                }
            }
            int n = Math.min(chunkSize, length - written);
            out.writeBytes(payload, offset + written, n);
            written += n;
        } while (written < length);
        prev.format = format;
        prev.streamId = msg.streamId();
        prev.timestamp = timestamp;
        prev.delta = field;
        prev.length = length;
        prev.typeId = msg.typeId();
        prev.extended = extended;
        if (msg.typeId() == MessageType.SET_CHUNK_SIZE && length >= 4) {
            chunkSize = payload.getInt(offset);
        }
    }

    private static void writeBasicHeader(ByteBuf out, int format, int csid) {
        if (csid < 64) {
            out.writeByte(format << 6 | csid);
        } else if (csid < 64 + 256) {
            out.writeByte(format << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte(format << 6 | 1);
            out.writeByte((csid - 64) & 0xFF);
            out.writeByte((csid - 64) >>> 8);
        }
    }

    /** The header last written on one chunk stream. */
    private static final class LastHeader {
        int format;
        long streamId;
        long timestamp;
        long delta;
        int length;
        int typeId;
        boolean extended;
    }
}
