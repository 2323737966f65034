package org.camelvideo.netty;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketErrorsTest {

    @Test
    void aRefusedConnectionReadsTheSameOnEpollAndNio() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EventLoopGroup epoll = Transport.eventLoops(1, new DefaultThreadFactory("socket-errors-test", true));
        EventLoopGroup nio = new NioEventLoopGroup(1, new DefaultThreadFactory("socket-errors-test", true));
        try {
            assertThat(reasonConnecting(epoll, port)).isEqualTo(reasonConnecting(nio, port))
                    .isEqualTo("Connection refused: /127.0.0.1:" + port);
        } finally {
            epoll.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            nio.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String reasonConnecting(EventLoopGroup group, int port) {
        ChannelFuture f = new Bootstrap().group(group).channel(Transport.socket(group)).handler(new ChannelInboundHandlerAdapter())
                .connect(new InetSocketAddress("127.0.0.1", port)).awaitUninterruptibly();
        assertThat(f.cause()).isInstanceOf(ConnectException.class);
        return SocketErrors.reason(f.cause());
    }

    @Test
    void aTakenPortReadsTheSameOnEpollAndNio() throws Exception {
        EventLoopGroup epoll = Transport.eventLoops(1, new DefaultThreadFactory("socket-errors-test", true));
        EventLoopGroup nio = new NioEventLoopGroup(1, new DefaultThreadFactory("socket-errors-test", true));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(bindFailure(epoll, port)).isEqualTo(bindFailure(nio, port))
                    .isEqualTo("Test server cannot listen on 127.0.0.1:" + port + ": Address already in use");
        } finally {
            epoll.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            nio.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String bindFailure(EventLoopGroup group, int port) {
        ChannelFuture f = new ServerBootstrap().group(group).channel(Transport.serverSocket(group))
                .childHandler(new ChannelInboundHandlerAdapter()).bind("127.0.0.1", port).awaitUninterruptibly();
        assertThat(f.isSuccess()).isFalse();
        return SocketErrors.cannotListen("Test server", "127.0.0.1", port, f.cause()).getMessage();
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSo() {
        EventLoopGroup group = Transport.eventLoops(1, new DefaultThreadFactory("socket-errors-test", true));
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                // The second lookup is answered from the JVM's cache of failures, with a shorter message.
                ChannelFuture f = new Bootstrap().group(group).channel(Transport.socket(group)).handler(new ChannelInboundHandlerAdapter())
                        .connect("no-such-host.invalid", 554).awaitUninterruptibly();
                assertThat(SocketErrors.reason(f.cause())).isEqualTo("unknown host no-such-host.invalid");
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aMessageWithoutTheNativePrefixIsLeftAsItIs() {
        assertThat(SocketErrors.reason(new ConnectException("Connection refused: /10.0.0.1:554"))).isEqualTo("Connection refused: /10.0.0.1:554");
        assertThat(SocketErrors.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
