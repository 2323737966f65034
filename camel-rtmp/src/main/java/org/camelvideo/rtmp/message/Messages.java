package org.camelvideo.rtmp.message;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.camelvideo.rtmp.amf.Amf0Encoder;

/** Builds the protocol control, user control and command messages a session sends. */
public final class Messages {

    /** Peer bandwidth limit type: the receiver should limit its output to the window. */
    public static final int BANDWIDTH_DYNAMIC = 2;

    private Messages() {
    }

    public static RtmpMessage setChunkSize(ByteBufAllocator alloc, int size) {
        return control(MessageType.SET_CHUNK_SIZE, alloc.buffer(4).writeInt(size));
    }

    public static RtmpMessage windowAckSize(ByteBufAllocator alloc, long size) {
        return control(MessageType.WINDOW_ACK_SIZE, alloc.buffer(4).writeInt((int) size));
    }

    public static RtmpMessage setPeerBandwidth(ByteBufAllocator alloc, long size, int limitType) {
        return control(MessageType.SET_PEER_BANDWIDTH, alloc.buffer(5).writeInt((int) size).writeByte(limitType));
    }

    public static RtmpMessage acknowledgement(ByteBufAllocator alloc, long sequenceNumber) {
        return control(MessageType.ACKNOWLEDGEMENT, alloc.buffer(4).writeInt((int) sequenceNumber));
    }

    public static RtmpMessage userControl(ByteBufAllocator alloc, int event, long... values) {
        ByteBuf buf = alloc.buffer(2 + 4 * values.length).writeShort(event);
        for (long v : values) {
            buf.writeInt((int) v);
        }
        return control(MessageType.USER_CONTROL, buf);
    }

    /** An AMF0 command: name, transaction id, then the command object and arguments. */
    public static RtmpMessage command(ByteBufAllocator alloc, long streamId, String name, double transactionId, Object... args) {
        ByteBuf buf = alloc.buffer();
        Amf0Encoder.encode(buf, name);
        Amf0Encoder.encode(buf, transactionId);
        Amf0Encoder.encode(buf, args);
        return new RtmpMessage(RtmpMessage.CSID_COMMAND, MessageType.COMMAND_AMF0, streamId, 0, buf);
    }

    /** An AMF0 data message such as {@code @setDataFrame onMetaData {...}}. */
    public static RtmpMessage data(ByteBufAllocator alloc, long streamId, List<Object> values) {
        ByteBuf buf = alloc.buffer();
        for (Object v : values) {
            Amf0Encoder.encode(buf, v);
        }
        return new RtmpMessage(RtmpMessage.CSID_DATA, MessageType.DATA_AMF0, streamId, 0, buf);
    }

    private static RtmpMessage control(int type, ByteBuf payload) {
        return new RtmpMessage(RtmpMessage.CSID_CONTROL, type, 0, 0, payload);
    }
}
