package org.camelvideo.rtmp.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTMP message: what the chunk layer reassembles and splits. The payload is reference
 * counted; whoever takes the message releases it.
 */
public final class RtmpMessage extends DefaultByteBufHolder {

    /** Chunk stream of protocol control messages, fixed by the specification. */
    public static final int CSID_CONTROL = 2;
    /** Chunk streams this implementation sends commands, data, audio and video on. */
    public static final int CSID_COMMAND = 3;
    public static final int CSID_AUDIO = 4;
    public static final int CSID_DATA = 5;
    public static final int CSID_VIDEO = 6;

    private final int chunkStreamId;
    private final int typeId;
    private final long streamId;
    private final long timestamp;

    public RtmpMessage(int chunkStreamId, int typeId, long streamId, long timestamp, ByteBuf payload) {
        super(payload);
        this.chunkStreamId = chunkStreamId;
        this.typeId = typeId;
        this.streamId = streamId;
        this.timestamp = timestamp & 0xFFFFFFFFL;
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int typeId() {
        return typeId;
    }

    /** The message stream: 0 for the connection, else a stream made by createStream. */
    public long streamId() {
        return streamId;
    }

    /** Milliseconds, 32 bits, wrapping. */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public RtmpMessage replace(ByteBuf payload) {
        return new RtmpMessage(chunkStreamId, typeId, streamId, timestamp, payload);
    }

    @Override
    public String toString() {
        return "RtmpMessage[type=" + typeId + " csid=" + chunkStreamId + " stream=" + streamId + " ts=" + timestamp + " "
               + content().readableBytes() + "B]";
    }
}
