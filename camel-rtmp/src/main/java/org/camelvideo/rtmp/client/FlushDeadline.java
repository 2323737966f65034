package org.camelvideo.rtmp.client;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Bounds how long a write may wait for a flush. {@link RtmpPublisher} queues audio without a
 * flush so that it leaves with the next video frame; when no frame comes (the stream ended or
 * stalled), this flushes it at most {@code deadlineNanos} after the last flush. The deadline is
 * re-armed on the event loop at each flush, so a flowing stream never wakes the loop for it.
 */
final class FlushDeadline extends ChannelOutboundHandlerAdapter {

    private final long deadlineNanos;
    private ScheduledFuture<?> armed;

    FlushDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        disarm();
        ctx.flush();
        // The timer's flush starts at this handler's context, so it passes on without re-arming.
        armed = ctx.executor().schedule(ctx::flush, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void disarm() {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
    }
}
