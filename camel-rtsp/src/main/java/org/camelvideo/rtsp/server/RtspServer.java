package org.camelvideo.rtsp.server;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtsp.interleaved.RtspFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP server on one host:port, shared by every endpoint serving a path there: a path table
 * of {@link MediaStream}s, the sessions, the UDP sockets, and a one-second timer that expires
 * sessions, disconnects stuck readers and sends RTCP sender reports.
 */
public final class RtspServer {

    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    static final int MAX_HEADER_SIZE = 8192;
    static final int MAX_CONTENT_LENGTH = 65536;
    private static final int SENDER_REPORT_TICKS = 5;

    private final String host;
    private final int port;
    private final EventLoopGroup group;
    private final Map<String, MediaStream> streams = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private Channel channel;
    private UdpTransport udp;
    private ScheduledFuture<?> timer;
    private long ticks;

    RtspServer(String host, int port, EventLoopGroup group) {
        this.host = host;
        this.port = port;
        this.group = group;
    }

    void start(int udpPort) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transport.serverSocket(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("frames", new RtspFrameDecoder(MAX_HEADER_SIZE, MAX_CONTENT_LENGTH))
                                .addLast("decoder", new RtspDecoder())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT_LENGTH))
                                .addLast("encoder", new RtspEncoder())
                                .addLast("handler", new ServerConnectionHandler(RtspServer.this));
                    }
                });
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw SocketErrors.cannotListen("RTSP server", host, port, bound.cause());
        }
        channel = bound.channel();
        try {
            udp = UdpTransport.bind(group, host, udpPort, this::rtcpFrom);
        } catch (RuntimeException e) {
            channel.close().syncUninterruptibly();
            throw e;
        }
        timer = group.next().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.debug("RTSP server listening on {}, RTP/RTCP over UDP on ports {}/{}", channel.localAddress(), udp.rtpPort(),
                  udp.rtcpPort());
    }

    void stop() {
        timer.cancel(false);
        for (MediaStream s : streams.values()) {
            unmount(s.path());
        }
        channel.close().syncUninterruptibly();
        udp.close();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** @throws IllegalStateException when another endpoint already serves {@code path} here */
    public MediaStream mount(String path, StreamSettings settings) {
        MediaStream stream = new MediaStream(path, settings, PooledByteBufAllocator.DEFAULT);
        if (streams.putIfAbsent(path, stream) != null) {
            throw new IllegalStateException("rtsp://" + host + ":" + port + path + " is already served by another endpoint");
        }
        return stream;
    }

    /** Stops serving {@code path}: its readers are disconnected. */
    public void unmount(String path) {
        MediaStream stream = streams.remove(path);
        if (stream == null) {
            return;
        }
        for (Session s : sessions.values()) {
            if (s.stream == stream) {
                close(s, "the stream stopped");
            }
        }
        stream.close();
    }

    MediaStream find(String path) {
        return streams.get(path);
    }

    UdpTransport udp() {
        return udp;
    }

    Session session(String id) {
        return id == null ? null : sessions.get(id);
    }

    void add(Session s) {
        sessions.put(s.id, s);
    }

    /** Frees a session; a session on TCP takes its connection down with it. */
    void close(Session s, String why) {
        if (sessions.remove(s.id) == null) {
            return;
        }
        s.stream.stop(s);
        LOG.debug("Closed {}: {}", s, why);
        if (s.usesTcp()) {
            s.connection.close();
        }
    }

    /** Frees a session without touching its connection (TEARDOWN, or the connection closed). */
    void remove(Session s) {
        if (sessions.remove(s.id) != null) {
            s.stream.stop(s);
        }
    }

    private void rtcpFrom(InetSocketAddress sender) {
        for (Session s : sessions.values()) {
            for (Session.TrackTransport t : s.tracks) {
                if (t != null && !t.header.tcp && sender.equals(t.rtcpAddress)) {
                    s.touch();
                }
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        boolean reports = ++ticks % SENDER_REPORT_TICKS == 0;
        for (Session s : sessions.values()) {
            StreamSettings settings = s.stream.settings();
            long idle = now - s.lastActivityNanos;
            if (idle > TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds)) {
                LOG.info("RTSP {} timed out after {} s without a request or receiver report", s, settings.sessionTimeoutSeconds);
                close(s, "timeout");
                continue;
            }
            long stuckSince = s.unwritableSinceNanos;
            if (s.playing && stuckSince != 0 && now - stuckSince > TimeUnit.MILLISECONDS.toNanos(settings.writeTimeoutMillis)) {
                LOG.warn("Disconnecting RTSP reader {} of {}: its queue stayed full for {} ms", s, s.stream.path(),
                         settings.writeTimeoutMillis);
                s.stream.countStuck();
                close(s, "write timeout");
                continue;
            }
            if (reports && s.playing) {
                s.stream.sendSenderReports(s);
            }
        }
    }

    @Override
    public String toString() {
        return "RtspServer[" + host + ":" + port + "]";
    }
}
