package org.camelvideo.rtmp.handshake;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.camelvideo.rtmp.RtmpProtocolException;

/**
 * The client half of the simple handshake (RTMP specification 5.2): C0+C1 on connect, S0+S1+S2
 * back, S1 echoed as C2. Servers that prefer the digest handshake (nginx-rtmp, FFmpeg, SRS)
 * accept the simple one from a publisher. Removes itself when done, handing any bytes that
 * followed S2 to the chunk decoder.
 */
public final class ClientHandshakeHandler extends ByteToMessageDecoder {

    private static final int VERSION = 3;
    private static final int LENGTH = HandshakeDigest.PACKET_LENGTH;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf c0c1 = ctx.alloc().buffer(1 + LENGTH);
        c0c1.writeByte(VERSION);
        c0c1.writeInt(0);
        c0c1.writeInt(0);
        byte[] random = new byte[LENGTH - 8];
        ThreadLocalRandom.current().nextBytes(random);
        c0c1.writeBytes(random);
        ctx.writeAndFlush(c0c1);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 1 + 2 * LENGTH) {
            return;
        }
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new RtmpProtocolException("The server answered the handshake with version " + version + ", not 3"
                                            + (version == 6 || version == 8 ? " (RTMPE encryption is not supported)" : ""));
        }
        ByteBuf c2 = in.readRetainedSlice(LENGTH);
        in.skipBytes(LENGTH);
        ctx.writeAndFlush(c2);
        ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
        ctx.pipeline().remove(this);
    }
}
