package org.camelvideo.rtsp.netty;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.camelvideo.netty.Transport;

/**
 * The component's Netty threads, created with the first server or client and shut down with the
 * last, so that a stopped route leaves no thread behind.
 */
public final class EventLoops {

    private final int threads;
    private EventLoopGroup group;
    private int users;

    /** @param threads event loop threads, 0 for Netty's default (twice the cores) */
    public EventLoops(int threads) {
        this.threads = threads;
    }

    public synchronized EventLoopGroup acquire() {
        if (users++ == 0) {
            group = Transport.eventLoops(threads, new DefaultThreadFactory("camel-rtsp", true));
        }
        return group;
    }

    public synchronized void release() {
        if (users == 0) {
            throw new IllegalStateException("EventLoops released more often than acquired");
        }
        if (--users == 0) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
