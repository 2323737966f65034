package org.camelvideo.rtmp.session;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Fails a connection whose peer has sent nothing for a while. A publisher or a server that is
 * gone without closing its side (a pulled cable, a frozen process, a NAT that forgot the flow)
 * sends no FIN, and would hold its stream forever: a server role would refuse every publisher
 * after it, a player would wait on silence. Time while reading is paused on purpose (the route
 * is behind, and TCP holds the sender back) does not count. One timer per connection, armed for
 * the moment the silence would run out, so a busy connection costs no extra wake-ups.
 */
public final class SilenceTimeout extends ChannelInboundHandlerAdapter {

    private final long timeoutMillis;
    private long lastRead;
    private ScheduledFuture<?> check;

    public SilenceTimeout(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastRead = System.nanoTime();
        arm(ctx, timeoutMillis);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastRead = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx, long delayMillis) {
        check = ctx.executor().schedule(() -> check(ctx), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            lastRead = now;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(now - lastRead);
        if (silentMillis >= timeoutMillis) {
            ctx.fireExceptionCaught(new PeerSilentException(timeoutMillis));
        } else {
            arm(ctx, timeoutMillis - silentMillis);
        }
    }

    /** The peer sent nothing for the timeout. */
    public static final class PeerSilentException extends IOException {
        private static final long serialVersionUID = 1L;

        PeerSilentException(long timeoutMillis) {
            super("nothing received for " + timeoutMillis + " ms");
        }
    }
}
