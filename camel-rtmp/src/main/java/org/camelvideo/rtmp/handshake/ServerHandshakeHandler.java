package org.camelvideo.rtmp.handshake;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of the handshake. A C1 carrying a Flash digest (FFmpeg, Flash, most encoders)
 * gets the digest ("complex") answer, signed S1 and S2; any other C1 gets the simple answer
 * with C1 echoed as S2 (librtmp, OBS). C2 is read and not checked, as other servers do, since
 * clients differ in what they put there. Removes itself when done.
 */
public final class ServerHandshakeHandler extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHandshakeHandler.class);
    private static final int VERSION = 3;
    private static final int LENGTH = HandshakeDigest.PACKET_LENGTH;
    /** Announced in S1 so that clients that check the digest know there is one. */
    private static final int SERVER_VERSION = 0x04050001;

    private boolean answered;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!answered) {
            if (in.readableBytes() < 1 + LENGTH) {
                return;
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new RtmpProtocolException("Client asked for RTMP version " + version + ", only 3 is supported");
            }
            byte[] c1 = new byte[LENGTH];
            in.readBytes(c1);
            ByteBuf answer = answer(c1);
            LOG.debug("{} handshake with {}", answer.getByte(5) == 0 ? "Simple" : "Digest", ctx.channel().remoteAddress());
            ctx.writeAndFlush(answer);
            answered = true;
        }
        if (in.readableBytes() < LENGTH) {
            return;
        }
        in.skipBytes(LENGTH);
        ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
        ctx.pipeline().remove(this);
    }

    /** S0+S1+S2 for a given C1. */
    static ByteBuf answer(byte[] c1) {
        int[] scheme = new int[1];
        byte[] clientDigest = HandshakeDigest.findClientDigest(c1, scheme);
        byte[] s1 = new byte[LENGTH];
        ThreadLocalRandom.current().nextBytes(s1);
        byte[] s2;
        int time = (int) (System.nanoTime() / 1_000_000);
        writeInt(s1, 0, time);
        if (clientDigest == null) {
            writeInt(s1, 4, 0);
            s2 = c1;
        } else {
            writeInt(s1, 4, SERVER_VERSION);
            HandshakeDigest.sign(s1, scheme[0], HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_PUBLIC);
            s2 = new byte[LENGTH];
            ThreadLocalRandom.current().nextBytes(s2);
            HandshakeDigest.signResponse(s2, clientDigest, HandshakeDigest.SERVER_KEY);
        }
        return Unpooled.wrappedBuffer(new byte[] { VERSION }, s1, s2);
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
