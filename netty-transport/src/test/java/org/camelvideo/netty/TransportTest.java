package org.camelvideo.netty;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransportTest {

    @Test
    void onLinuxTheEventLoopsAreEpollWithEpollChannels() {
        assertThat(Epoll.isAvailable()).as("the native epoll library loads here: %s", Epoll.unavailabilityCause()).isTrue();
        EventLoopGroup group = Transport.eventLoops(1, new DefaultThreadFactory("transport-test", true));
        try {
            assertThat(group).isInstanceOf(EpollEventLoopGroup.class);
            assertThat(Transport.socket(group)).isEqualTo(EpollSocketChannel.class);
            assertThat(Transport.serverSocket(group)).isEqualTo(EpollServerSocketChannel.class);
            assertThat(Transport.datagram(group)).isEqualTo(EpollDatagramChannel.class);
            assertThat(Transport.socket(group.next())).as("one of its loops").isEqualTo(EpollSocketChannel.class);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void anNioGroupGetsNioChannels() {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("transport-test", true));
        try {
            assertThat(Transport.socket(group)).isEqualTo(NioSocketChannel.class);
            assertThat(Transport.serverSocket(group)).isEqualTo(NioServerSocketChannel.class);
            assertThat(Transport.datagram(group)).isEqualTo(NioDatagramChannel.class);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
