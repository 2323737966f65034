package org.camelvideo.netty;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's native epoll transport on Linux (x86_64 and aarch64 are on the classpath), Java NIO
 * elsewhere or when the native library does not load. Every component wakes an event loop from a
 * route's thread once per frame or packet: through NIO that wake-up holds a lock that the woken
 * loop then also takes, so the loop often blocks on it and must be woken twice; epoll's wake-up
 * is a plain eventfd write.
 * <p>
 * A channel must be of its event loop's kind, so the channel types are chosen from the group they
 * run on: a caller that brings its own NIO group gets NIO channels.
 */
public final class Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private Transport() {
    }

    public static EventLoopGroup eventLoops(int threads, ThreadFactory threadFactory) {
        if (Epoll.isAvailable()) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }
        // Say why, for a board where it was expected: a noexec /tmp, say, stops the library loading.
        LOG.debug("Netty's epoll transport is not available, using Java NIO: {}", Epoll.unavailabilityCause().toString());
        return new NioEventLoopGroup(threads, threadFactory);
    }

    /** The TCP client channel type that runs on {@code group}'s event loops. */
    public static Class<? extends SocketChannel> socket(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The TCP server channel type that runs on {@code group}'s event loops. */
    public static Class<? extends ServerSocketChannel> serverSocket(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The UDP channel type that runs on {@code group}'s event loops. */
    public static Class<? extends DatagramChannel> datagram(EventLoopGroup group) {
        return isEpoll(group) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    private static boolean isEpoll(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup || group instanceof EpollEventLoop;
    }
}
