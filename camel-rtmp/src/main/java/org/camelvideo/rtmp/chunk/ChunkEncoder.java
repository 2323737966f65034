package org.camelvideo.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
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
 */
public final class ChunkEncoder extends MessageToByteEncoder<RtmpMessage> {

    private static final int EXTENDED = 0xFFFFFF;
    /** The message length field has 24 bits. */
    public static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;

    private final IntObjectHashMap<LastHeader> last = new IntObjectHashMap<>();
    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    public ChunkEncoder() {
        super(RtmpMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RtmpMessage msg, boolean preferDirect) {
        int length = msg.content().readableBytes();
        int chunks = Math.max(1, (length + chunkSize - 1) / chunkSize);
        return ctx.alloc().ioBuffer(length + 18 + chunks * 7);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        ByteBuf payload = msg.content();
        int length = payload.readableBytes();
        if (length > MAX_MESSAGE_LENGTH) {
            throw new EncoderException("An RTMP message carries at most " + MAX_MESSAGE_LENGTH + " bytes, not " + length);
        }
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
