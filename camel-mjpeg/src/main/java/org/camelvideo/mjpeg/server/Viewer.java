package org.camelvideo.mjpeg.server;

import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection watching a stream, after its response head went out. At most one part is being
 * written and at most one waits: a newer frame replaces the waiting one (a counted skip), so a
 * slow viewer sees fewer frames but always the latest, and holds at most two parts. A viewer whose
 * write has not finished within the viewer timeout is closed. All state lives on the channel's
 * event loop.
 */
final class Viewer extends ChannelInboundHandlerAdapter implements ChannelFutureListener {

    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);

    private final LiveStream stream;
    private final Channel channel;
    private ByteBuf waiting;
    private long newest;
    private boolean writing;
    private int writingLength;
    private long writeStarted;
    private long skipped;

    Viewer(LiveStream stream, Channel channel) {
        this.stream = stream;
        this.channel = channel;
    }

    /** From any thread: hands the viewer its own reference to {@code frame}. */
    void offer(Frame frame) {
        ByteBuf part = frame.retainedPart();
        long sequence = frame.sequence();
        try {
            channel.eventLoop().execute(() -> onFrame(part, sequence));
        } catch (RejectedExecutionException e) {
            part.release();
        }
    }

    /** On the event loop. */
    void onFrame(ByteBuf part, long sequence) {
        if (!channel.isActive() || sequence <= newest) {
            part.release();
            return;
        }
        newest = sequence;
        if (!writing) {
            write(part);
            return;
        }
        if (System.nanoTime() - writeStarted > stream.viewerTimeoutNanos()) {
            part.release();
            stream.timedOut();
            LOG.info("Closing viewer {} of {}: it took no frame for {} ms ({} frames skipped)", channel.remoteAddress(),
                    stream.path(), (System.nanoTime() - writeStarted) / 1_000_000, skipped);
            channel.close();
            return;
        }
        if (waiting != null) {
            waiting.release();
            skipped++;
            stream.skipped();
        }
        waiting = part;
    }

    private void write(ByteBuf part) {
        writing = true;
        writingLength = part.readableBytes();
        writeStarted = System.nanoTime();
        channel.writeAndFlush(part).addListener(this);
    }

    @Override
    public void operationComplete(ChannelFuture future) {
        writing = false;
        if (!future.isSuccess()) {
            releaseWaiting();
            channel.close();
            return;
        }
        stream.sent(writingLength);
        if (waiting != null) {
            ByteBuf next = waiting;
            waiting = null;
            write(next);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // a viewer has nothing more to say; whatever it sends is dropped
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        stream.remove(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Viewer {} of {} failed", channel.remoteAddress(), stream.path(), cause);
        ctx.close();
    }

    void close() {
        channel.close();
    }

    private void releaseWaiting() {
        if (waiting != null) {
            waiting.release();
            waiting = null;
        }
    }
}
