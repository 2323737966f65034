package org.camelvideo.rtmp.client;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.handler.timeout.WriteTimeoutHandler;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtmp.chunk.ChunkDecoder;
import org.camelvideo.rtmp.chunk.ChunkEncoder;
import org.camelvideo.rtmp.handshake.ClientHandshakeHandler;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.session.AcknowledgementWindow;
import org.camelvideo.rtmp.session.ProtocolControlHandler;
import org.camelvideo.rtmp.session.SilenceTimeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection that stays up: connects, runs the publish or play dialogue, and when the
 * connection fails or drops, retries after a delay that starts at
 * {@code reconnectDelayMillis} and doubles up to {@code maxReconnectDelayMillis}. Whoever uses
 * it learns of each started session through {@link SessionListener#ready}.
 */
public final class RtmpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpConnection.class);
    private static final long CLOSE_GRACE_MILLIS = 2000;
    /**
     * A session that lasted this long puts the retry delay back to its start. A server that takes
     * the stream and drops it at once (nginx closes a publisher its access rules deny only after
     * it said the publish started) is thus retried ever more slowly, not every reconnect delay.
     */
    private static final long STABLE_SESSION_NANOS = 10_000_000_000L;
    private static final int MIN_SEND_BUFFER = 64 * 1024;
    private static final int MAX_SEND_BUFFER = 1024 * 1024;

    private final EventLoopGroup group;
    private final ClientTarget target;
    private final ClientMode mode;
    private final ClientOptions options;
    private final SessionListener listener;
    private final Bootstrap bootstrap;
    private volatile Channel channel;
    private volatile boolean up;
    private volatile boolean stopped;
    private volatile String lastProblem = "not connected yet";
    private volatile long delay;
    private volatile long upSince;
    private ScheduledFuture<?> retry;

    public RtmpConnection(EventLoopGroup group, ClientTarget target, ClientMode mode, ClientOptions options, SessionListener listener) {
        this.group = group;
        this.target = target;
        this.mode = mode;
        this.options = options;
        this.listener = listener;
        this.delay = options.reconnectDelayMillis;
        this.bootstrap = new Bootstrap().group(group).channel(writesThrough() ? PublishSocketChannel.class : Transport.socket(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.maxPendingBytes / 2, options.maxPendingBytes))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch);
                    }
                });
        if (mode == ClientMode.PUBLISH) {
            bootstrap.option(ChannelOption.SO_SNDBUF, sendBufferBytes(options.maxPendingBytes));
        }
    }

    /**
     * A publisher's socket send buffer, a quarter of {@code maxPendingBytes} between 64 KiB and 1 MiB: what
     * waits unseen in the kernel stays in proportion to what may wait in view before packets are
     * dropped. Linux grows an unset one up to 4 MiB, which held seconds of a stream in front of a
     * server that had stopped reading before the publisher noticed. 1 MiB still carries 40 Mbit/s
     * over a 100 ms round trip (the kernel doubles what is set).
     */
    static int sendBufferBytes(int maxPendingBytes) {
        return Math.max(MIN_SEND_BUFFER, Math.min(MAX_SEND_BUFFER, maxPendingBytes / 4));
    }

    /** Whether a publishing thread may write to the socket itself: plain TCP, on Java NIO. */
    private boolean writesThrough() {
        return mode == ClientMode.PUBLISH && options.sslContext == null && Transport.socket(group) == NioSocketChannel.class;
    }

    private void initPipeline(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (options.sslContext != null) {
            SslHandler tls = options.sslContext.newHandler(ch.alloc(), target.host(), target.port());
            if (options.verifyHostname) {
                SSLParameters parameters = tls.engine().getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.engine().setSSLParameters(parameters);
            }
            p.addLast("tls", tls);
        }
        AcknowledgementWindow acknowledgements = new AcknowledgementWindow();
        p.addLast("writeTimeout", new WriteTimeoutHandler(options.writeTimeoutMillis, TimeUnit.MILLISECONDS));
        if (mode == ClientMode.PLAY) {
            p.addLast("silence", new SilenceTimeout(options.readTimeoutMillis));
        }
        p.addLast("handshake", new ClientHandshakeHandler());
        p.addLast("acknowledgements", acknowledgements);
        p.addLast("chunkDecoder", new ChunkDecoder());
        ChunkEncoder chunkEncoder = new ChunkEncoder();
        p.addLast("chunkEncoder", chunkEncoder);
        if (ch instanceof PublishSocketChannel) {
            ((PublishSocketChannel) ch).chunkEncoder(chunkEncoder);
        }
        p.addLast("control", new ProtocolControlHandler(acknowledgements));
        p.addLast("session", new ClientSessionHandler(target, mode, new Session()));
        if (mode == ClientMode.PUBLISH) {
            p.addLast("flushDeadline", new FlushDeadline(RtmpPublisher.FLUSH_DEADLINE_NANOS));
        }
        p.addLast("errors", new Errors());
    }

    public void start() {
        connect();
    }

    /** Whether a session is publishing or playing right now. */
    public boolean isUp() {
        return up;
    }

    /** Why the connection is not up, for health checks and errors; never names the stream. */
    public String lastProblem() {
        return lastProblem;
    }

    public ClientTarget target() {
        return target;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        LOG.debug("Connecting to {}", target);
        ChannelFuture f = bootstrap.connect(target.host(), target.port());
        channel = f.channel();
        f.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                down("cannot connect to " + target.host() + ":" + target.port() + ": " + SocketErrors.reason(done.cause()));
                return;
            }
            Channel ch = done.channel();
            lastProblem = "the server closed the connection before the RTMP session started"
                          + (options.sslContext == null ? " (if it is an RTMPS port, use rtmps:)" : "");
            ch.closeFuture().addListener(closed -> down(up ? lost() : lastProblem));
            // A server that takes the TCP connection but never answers must not hold us forever.
            ch.eventLoop().schedule(() -> {
                if (!up && ch.isActive()) {
                    lastProblem = "no RTMP session started within " + options.connectTimeoutMillis + " ms of connecting";
                    ch.close();
                }
            }, options.connectTimeoutMillis, TimeUnit.MILLISECONDS);
        });
    }

    private String lost() {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upSince);
        return millis < 1000 ? "the server closed the connection " + millis + " ms after the session started" : "connection lost";
    }

    private synchronized void down(String problem) {
        boolean wasUp = up;
        up = false;
        lastProblem = problem;
        if (stopped) {
            return;
        }
        if (wasUp && System.nanoTime() - upSince >= STABLE_SESSION_NANOS) {
            delay = options.reconnectDelayMillis;
        }
        if (wasUp) {
            LOG.warn("{}: {}; reconnecting in {} ms", target, problem, delay);
        } else {
            LOG.warn("{}: {}; retrying in {} ms", target, problem, delay);
        }
        long wait = delay;
        delay = Math.min(delay * 2, options.maxReconnectDelayMillis);
        if (retry != null) {
            retry.cancel(false);
        }
        retry = group.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops retrying and ends the session politely (FCUnpublish and deleteStream for a
     * publisher), waiting a moment for the server to get them.
     */
    public void stop() {
        synchronized (this) {
            stopped = true;
            if (retry != null) {
                retry.cancel(false);
            }
        }
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (ch.isActive() && up) {
            ClientSessionHandler session = ch.pipeline().get(ClientSessionHandler.class);
            long streamId = session == null ? -1 : session.streamId();
            if (mode == ClientMode.PUBLISH && streamId >= 0) {
                ch.write(Messages.command(ch.alloc(), 0, "FCUnpublish", 5, null, target.streamName()));
            }
            if (streamId >= 0) {
                ch.write(Messages.command(ch.alloc(), 0, "deleteStream", 6, null, (double) streamId));
            }
            ch.flush();
        }
        ch.close().awaitUninterruptibly(CLOSE_GRACE_MILLIS);
    }

    private final class Session implements SessionListener {
        @Override
        public void ready(Channel ch, long streamId) {
            upSince = System.nanoTime();
            up = true;
            lastProblem = null;
            LOG.info("{}: {} started", target, mode == ClientMode.PUBLISH ? "publishing" : "playing");
            listener.ready(ch, streamId);
        }

        @Override
        public void media(RtmpMessage message) {
            listener.media(message);
        }

        @Override
        public void refused(String reason) {
            lastProblem = "server refused: " + reason;
            listener.refused(reason);
            channel.close();
        }
    }

    /** Last in the pipeline: a failure closes the connection, which then retries. */
    private final class Errors extends ChannelInboundHandlerAdapter {
        private boolean failed;

        /** A TLS failure is announced before the close; the exception, if any, only after it. */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) evt).isSuccess()) {
                exceptionCaught(ctx, ((SslHandshakeCompletionEvent) evt).cause());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Writes queued behind the first failure fail too; the first one says what happened.
            if (failed || cause instanceof ClosedChannelException) {
                return;
            }
            failed = true;
            lastProblem = cause instanceof WriteTimeoutException
                    ? "no write completed within " + options.writeTimeoutMillis + " ms, the server is not reading"
                    : target.mask(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
            LOG.debug("{}: {}", target, lastProblem, cause);
            // Down now, so that the close reports this cause rather than a bare "connection lost".
            up = false;
            ctx.close();
        }
    }
}
