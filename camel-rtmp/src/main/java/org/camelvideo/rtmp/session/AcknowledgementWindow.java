package org.camelvideo.rtmp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.camelvideo.rtmp.message.Messages;

/**
 * Counts the bytes the peer sent and acknowledges every window of them (RTMP specification
 * 5.4.3), as the peer asked with Window Acknowledgement Size. Sits in front of the chunk decoder
 * because the count is of bytes, not messages; the session tells it the window.
 */
public final class AcknowledgementWindow extends ChannelInboundHandlerAdapter {

    private long window;
    private long received;
    private long acknowledged;

    /** The peer's window; zero (the start) means the peer asked for no acknowledgements. */
    public void window(long size) {
        this.window = size;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            received += ((ByteBuf) msg).readableBytes();
            if (window > 0 && received - acknowledged >= window) {
                acknowledged = received;
                ctx.channel().writeAndFlush(Messages.acknowledgement(ctx.alloc(), received & 0xFFFFFFFFL), ctx.voidPromise());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
