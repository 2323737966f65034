package org.camelvideo.rtmp.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtmp.chunk.ChunkDecoder;
import org.camelvideo.rtmp.chunk.ChunkEncoder;
import org.camelvideo.rtmp.handshake.ServerHandshakeHandler;
import org.camelvideo.rtmp.session.AcknowledgementWindow;
import org.camelvideo.rtmp.session.ProtocolControlHandler;
import org.camelvideo.rtmp.session.SilenceTimeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTMP server on one host:port, accepting publishers for the {@link PublishPoint}s its
 * endpoints registered. Shared by every endpoint on the same address and closed with the last
 * of them (the component counts the references).
 */
public final class RtmpServer {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

    private final String host;
    private final int port;
    private final long readTimeoutMillis;
    private final List<PublishPoint> points = new CopyOnWriteArrayList<>();
    private ChannelGroup connections;
    private Channel serverChannel;

    /** @param readTimeoutMillis a connection that sends nothing for this long is closed, freeing the stream it published */
    public RtmpServer(String host, int port, long readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    public void bind(EventLoopGroup group) {
        connections = new DefaultChannelGroup("rtmp-server", group.next());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transport.serverSocket(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        AcknowledgementWindow acknowledgements = new AcknowledgementWindow();
                        p.addLast("silence", new SilenceTimeout(readTimeoutMillis));
                        p.addLast("handshake", new ServerHandshakeHandler());
                        p.addLast("acknowledgements", acknowledgements);
                        p.addLast("chunkDecoder", new ChunkDecoder());
                        p.addLast("chunkEncoder", new ChunkEncoder());
                        p.addLast("control", new ProtocolControlHandler(acknowledgements));
                        p.addLast("session", new ServerSessionHandler(RtmpServer.this));
                    }
                });
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw SocketErrors.cannotListen("RTMP server", host, port, bound.cause());
        }
        serverChannel = bound.channel();
        LOG.info("RTMP server listening on {}", serverChannel.localAddress());
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int port() {
        return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Connections open right now, publishers or not. */
    public int connectionCount() {
        return connections.size();
    }

    public void add(PublishPoint point) {
        points.add(point);
    }

    public void remove(PublishPoint point) {
        points.remove(point);
        point.close();
    }

    boolean servesApp(String app) {
        return points.stream().anyMatch(p -> p.app().equals(app));
    }

    PublishPoint find(String app, String publishName) {
        return points.stream().filter(p -> p.app().equals(app) && p.accepts(publishName)).findFirst().orElse(null);
    }

    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        LOG.info("RTMP server on {}:{} closed", host, port);
    }
}
