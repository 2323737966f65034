package org.camelvideo.rtmp.chunk;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;

/**
 * Reassembles RTMP messages from chunks (RTMP specification 5.3). Handles all four chunk header
 * formats, one-, two- and three-byte basic headers, extended timestamps (repeated on format 3
 * chunks, as Flash and FFmpeg send them) and any number of interleaved chunk streams. Set Chunk
 * Size and Abort are applied here, before the next chunk is read, and not passed on.
 */
public final class ChunkDecoder extends ByteToMessageDecoder {

    /** The chunk size before any Set Chunk Size, fixed by the specification. */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** Past this many chunk streams with a message in progress the peer is abusing us. */
    static final int MAX_OPEN_CHUNK_STREAMS = 64;
    /** Declared bytes of all messages in progress: beyond this a peer could make us hold gigabytes. */
    static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;

    private final IntObjectHashMap<ChunkStreamState> streams = new IntObjectHashMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int openMessages;
    private long pendingBytes;
    private boolean failed;

    public ChunkDecoder() {
        // Chunks are small and many: one cumulation for all of them beats a list of slices.
        setCumulator(MERGE_CUMULATOR);
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            // After a protocol error nothing that follows can be framed: discard it until the close.
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        try {
            if (!decodeChunk(ctx, in, out)) {
                in.readerIndex(start);
            }
        } catch (RtmpProtocolException e) {
            failed = true;
            throw e;
        }
    }

    private boolean decodeChunk(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        int first = in.readUnsignedByte();
        int format = first >>> 6;
        int csid = first & 0x3F;
        if (csid == 0) {
            if (!in.isReadable()) {
                return false;
            }
            csid = 64 + in.readUnsignedByte();
        } else if (csid == 1) {
            if (in.readableBytes() < 2) {
                return false;
            }
            csid = 64 + in.readUnsignedByte() + (in.readUnsignedByte() << 8);
        }
        int headerLength = format == 0 ? 11 : format == 1 ? 7 : format == 2 ? 3 : 0;
        if (in.readableBytes() < headerLength) {
            return false;
        }
        ChunkStreamState state = streams.get(csid);
        if (format != 0 && state == null) {
            throw new RtmpProtocolException("Chunk format " + format + " on chunk stream " + csid + " without a previous header");
        }
        long timestampField = 0;
        int length = 0;
        int typeId = 0;
        long streamId = 0;
        if (format <= 2) {
            timestampField = in.readUnsignedMedium();
        }
        if (format <= 1) {
            length = in.readUnsignedMedium();
            typeId = in.readUnsignedByte();
        }
        if (format == 0) {
            streamId = in.readUnsignedIntLE();
        }
        boolean extended = format <= 2 ? timestampField == 0xFFFFFF : state.extended;
        if (extended) {
            if (in.readableBytes() < 4) {
                return false;
            }
            long value = in.readUnsignedInt();
            if (format <= 2) {
                timestampField = value;
            }
        }
        boolean continuation = state != null && state.partial != null;
        if (continuation && format != 3) {
            throw new RtmpProtocolException("Chunk stream " + csid + " starts a new message with format " + format + " while "
                                            + (state.length - state.partial.readableBytes()) + " bytes of the last are missing");
        }
        int messageLength = continuation ? state.length : format <= 1 ? length : state.length;
        int received = continuation ? state.partial.readableBytes() : 0;
        int chunkLength = Math.min(chunkSize, messageLength - received);
        if (in.readableBytes() < chunkLength) {
            return false;
        }
        if (state == null) {
            state = new ChunkStreamState();
            streams.put(csid, state);
        }
        if (!continuation) {
            startMessage(state, csid, format, timestampField, length, typeId, streamId);
            state.extended = extended;
            // Grown as chunks arrive: a declared length alone must not reserve memory.
            state.partial = ctx.alloc().buffer(Math.min(messageLength, Math.min(chunkSize, 65536)));
            openMessages++;
            pendingBytes += messageLength;
            if (openMessages > MAX_OPEN_CHUNK_STREAMS) {
                throw new RtmpProtocolException("More than " + MAX_OPEN_CHUNK_STREAMS + " chunk streams with a message in progress");
            }
            if (pendingBytes > MAX_PENDING_BYTES) {
                throw new RtmpProtocolException("Messages in progress declare " + pendingBytes + " bytes, more than the "
                                                + MAX_PENDING_BYTES + " allowed");
            }
        }
        state.partial.writeBytes(in, chunkLength);
        if (state.partial.readableBytes() == state.length) {
            ByteBuf payload = state.partial;
            state.partial = null;
            openMessages--;
            pendingBytes -= state.length;
            deliver(new RtmpMessage(csid, state.typeId, state.streamId, state.timestamp, payload), out);
        }
        return true;
    }

    private static void startMessage(ChunkStreamState state, int csid, int format, long timestampField, int length, int typeId,
                                     long streamId) {
        switch (format) {
            case 0:
                state.timestamp = timestampField;
                state.streamId = streamId;
                state.length = length;
                state.typeId = typeId;
                break;
            case 1:
                state.timestamp += timestampField;
                state.length = length;
                state.typeId = typeId;
                break;
            case 2:
                state.timestamp += timestampField;
                break;
            default:
                timestampField = state.timestampField;
                state.timestamp += timestampField;
                break;
        }
        state.timestamp &= 0xFFFFFFFFL;
        state.timestampField = timestampField;
    }

    private void deliver(RtmpMessage message, List<Object> out) {
        if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
            try {
                chunkSize = readChunkSize(message);
            } finally {
                message.release();
            }
        } else if (message.typeId() == MessageType.ABORT) {
            try {
                abort(message);
            } finally {
                message.release();
            }
        } else {
            out.add(message);
        }
    }

    private static int readChunkSize(RtmpMessage message) {
        ByteBuf payload = message.content();
        if (payload.readableBytes() < 4) {
            throw new RtmpProtocolException("Set Chunk Size needs 4 bytes, got " + payload.readableBytes());
        }
        int size = payload.getInt(payload.readerIndex());
        if (size < 1) {
            throw new RtmpProtocolException("Invalid chunk size " + (size & 0xFFFFFFFFL));
        }
        return size;
    }

    private void abort(RtmpMessage message) {
        ByteBuf payload = message.content();
        if (payload.readableBytes() < 4) {
            throw new RtmpProtocolException("Abort needs 4 bytes, got " + payload.readableBytes());
        }
        long csid = payload.getUnsignedInt(payload.readerIndex());
        ChunkStreamState state = csid <= Integer.MAX_VALUE ? streams.get((int) csid) : null;
        if (state != null && state.partial != null) {
            state.partial.release();
            state.partial = null;
            openMessages--;
            pendingBytes -= state.length;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        for (ChunkStreamState state : streams.values()) {
            if (state.partial != null) {
                state.partial.release();
                state.partial = null;
            }
        }
        streams.clear();
        openMessages = 0;
        pendingBytes = 0;
    }

    /** What the headers of one chunk stream said last, which later headers may leave out. */
    private static final class ChunkStreamState {
        long timestamp;
        long timestampField;
        long streamId;
        int length;
        int typeId;
        boolean extended;
        ByteBuf partial;
    }
}
