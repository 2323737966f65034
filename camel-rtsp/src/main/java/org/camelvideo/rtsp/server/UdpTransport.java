package org.camelvideo.rtsp.server;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtsp.rtp.RtpFrame;

/**
 * The server's UDP side: one socket sending RTP to every UDP reader and one for RTCP, which
 * also receives the readers' receiver reports (they keep sessions alive).
 */
final class UdpTransport {

    private final Channel rtp;
    private final Channel rtcp;

    private UdpTransport(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** Binds both sockets on {@code host}, the RTP one on {@code rtpPort} (0 for any), RTCP on the next port when free. */
    static UdpTransport bind(EventLoopGroup group, String host, int rtpPort, Consumer<InetSocketAddress> rtcpReceived) {
        Bootstrap b = new Bootstrap().group(group).channel(Transport.datagram(group));
        ChannelFuture bound = b.clone().handler(new Discard()).bind(host, rtpPort).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw SocketErrors.cannotListen("RTSP server's RTP over UDP", host, rtpPort, bound.cause());
        }
        Channel rtp = bound.channel();
        int next = ((InetSocketAddress) rtp.localAddress()).getPort() + 1;
        Bootstrap rtcpBootstrap = b.clone().handler(new RtcpIn(rtcpReceived));
        Channel rtcp;
        try {
            rtcp = rtcpBootstrap.bind(host, next).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            rtcp = rtcpBootstrap.bind(host, 0).syncUninterruptibly().channel();
        }
        return new UdpTransport(rtp, rtcp);
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    void sendRtp(RtpFrame frame, InetSocketAddress to) {
        if (!rtp.isWritable()) {
            return;
        }
        for (int i = 0; i < frame.packetCount(); i++) {
            rtp.write(new DatagramPacket(frame.packet(i).retain(), to), rtp.voidPromise());
        }
        rtp.flush();
    }

    void sendRtcp(ByteBuf packet, InetSocketAddress to) {
        rtcp.writeAndFlush(new DatagramPacket(packet, to), rtcp.voidPromise());
    }

    void close() {
        rtp.close().syncUninterruptibly();
        rtcp.close().syncUninterruptibly();
    }

    private static final class Discard extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            // Readers have nothing to say on the RTP port; NAT keepalives land here.
        }
    }

    private static final class RtcpIn extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Consumer<InetSocketAddress> received;

        RtcpIn(Consumer<InetSocketAddress> received) {
            this.received = received;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            received.accept(msg.sender());
        }
    }
}
