package org.camelvideo.rtmp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.message.UserControl;

/**
 * Answers the connection-level messages every RTMP session must answer, whichever role it
 * plays: takes the peer's acknowledgement window, answers Set Peer Bandwidth with our own
 * window, and ping requests with ping responses. Everything else goes on to the session.
 */
public final class ProtocolControlHandler extends ChannelInboundHandlerAdapter {

    /** The window we announce to peers: about a second of a 20 Mbit/s stream. */
    public static final long OUR_WINDOW = 2_500_000;

    private final AcknowledgementWindow acknowledgements;

    public ProtocolControlHandler(AcknowledgementWindow acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtmpMessage)) {
            ctx.fireChannelRead(msg);
            return;
        }
        RtmpMessage message = (RtmpMessage) msg;
        ByteBuf in = message.content();
        switch (message.typeId()) {
            case MessageType.WINDOW_ACK_SIZE:
                if (in.readableBytes() >= 4) {
                    acknowledgements.window(in.getUnsignedInt(in.readerIndex()));
                }
                message.release();
                break;
            case MessageType.SET_PEER_BANDWIDTH:
                ctx.writeAndFlush(Messages.windowAckSize(ctx.alloc(), OUR_WINDOW), ctx.voidPromise());
                message.release();
                break;
            case MessageType.ACKNOWLEDGEMENT:
                message.release();
                break;
            case MessageType.USER_CONTROL:
                if (in.readableBytes() >= 6 && in.getUnsignedShort(in.readerIndex()) == UserControl.PING_REQUEST) {
                    long time = in.getUnsignedInt(in.readerIndex() + 2);
                    ctx.writeAndFlush(Messages.userControl(ctx.alloc(), UserControl.PING_RESPONSE, time), ctx.voidPromise());
                    message.release();
                } else {
                    ctx.fireChannelRead(message);
                }
                break;
            default:
                ctx.fireChannelRead(message);
        }
    }
}
