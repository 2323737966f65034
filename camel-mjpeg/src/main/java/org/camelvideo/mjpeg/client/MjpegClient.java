package org.camelvideo.mjpeg.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.camelvideo.mjpeg.multipart.JpegPart;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a multipart JPEG stream from a camera and keeps reading it: when the connection cannot be
 * made or is lost, it is made again after a wait that doubles on each failure up to a limit and
 * goes back to the first wait once a picture arrives. One event loop thread, its own.
 */
public final class MjpegClient {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegClient.class);

    private final ClientSettings settings;
    private final PartListener listener;
    private final EventLoopGroup sharedGroup;
    private final LongAdder parts = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private EventLoopGroup group;
    private Bootstrap bootstrap;
    private volatile boolean running;
    private volatile boolean receiving;
    private volatile String lastError;
    private volatile Channel channel;
    private long delay;
    private boolean failureLogged;

    public MjpegClient(ClientSettings settings, PartListener listener) {
        this(settings, listener, null);
    }

    /**
     * @param sharedGroup an event loop group to run on, which the caller shuts down; null for a
     *                    thread of its own (many readers in one process share one group)
     */
    public MjpegClient(ClientSettings settings, PartListener listener, EventLoopGroup sharedGroup) {
        this.settings = settings;
        this.listener = listener;
        this.sharedGroup = sharedGroup;
    }

    public synchronized void start() throws Exception {
        URI url = settings.url();
        SslContext ssl = !"https".equals(url.getScheme()) ? null
                : settings.sslContext() != null ? new JdkSslContext(settings.sslContext(), true, ClientAuth.NONE)
                : SslContextBuilder.forClient().build();
        group = sharedGroup != null ? sharedGroup : Transport.eventLoops(1, new DefaultThreadFactory("mjpeg-client", true));
        bootstrap = new Bootstrap()
                .group(group)
                .channel(Transport.socket(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(tls(ssl, ch, url));
                        }
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(settings.readTimeoutMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpClientCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast(new ResponseHandler(MjpegClient.this, settings))
                                .addLast(new PartHandler(MjpegClient.this));
                    }
                });
        delay = settings.reconnectDelayMillis();
        running = true;
        LOG.info("Reading the MJPEG stream at {}", ShownUrl.of(url));
        connect();
    }

    /** TLS that checks the certificate names the camera's host, which Netty 4.1 leaves off by default. */
    private static SslHandler tls(SslContext ssl, SocketChannel ch, URI url) {
        SslHandler handler = ssl.newHandler(ch.alloc(), url.getHost(), url.getPort());
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        return handler;
    }

    public synchronized void stop() {
        running = false;
        if (group != null) {
            Channel c = channel;
            if (c != null) {
                c.close().awaitUninterruptibly();
            }
            if (group != sharedGroup) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
            group = null;
        }
    }

    private void connect() {
        if (!running) {
            return;
        }
        URI url = settings.url();
        ChannelFuture future = bootstrap.connect(url.getHost(), url.getPort());
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                lastError = "cannot connect: " + SocketErrors.reason(f.cause());
                reconnectLater();
            }
        });
    }

    /** A connection that was made has ended, for {@code reason}; said once per connection. */
    void disconnected(String reason) {
        receiving = false;
        if (running) {
            lastError = reason;
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (!running) {
            return;
        }
        long wait = delay;
        delay = Math.min(delay * 2, settings.maxReconnectDelayMillis());
        if (!failureLogged) {
            LOG.warn("MJPEG camera {}: {}; retrying in {} ms (and on, backing off up to {} ms)", ShownUrl.of(settings.url()),
                    lastError, wait, settings.maxReconnectDelayMillis());
            failureLogged = true;
        } else {
            LOG.debug("MJPEG camera {}: {}; retrying in {} ms", ShownUrl.of(settings.url()), lastError, wait);
        }
        try {
            bootstrap.config().group().schedule(this::connect, wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    void received(JpegPart part) {
        if (!receiving) {
            receiving = true;
            if (failureLogged) {
                LOG.info("MJPEG camera {}: receiving again", ShownUrl.of(settings.url()));
            }
            failureLogged = false;
            lastError = null;
            delay = settings.reconnectDelayMillis();
        }
        parts.increment();
        listener.onPart(part);
    }

    void dropped(String reason) {
        drops.increment();
        listener.onDrop(reason);
    }

    /** Whether pictures are arriving now. */
    public boolean isReceiving() {
        return receiving;
    }

    /** Why the last connection failed or ended, null while receiving. */
    public String lastError() {
        return lastError;
    }

    public long partsReceived() {
        return parts.sum();
    }

    public long partsDropped() {
        return drops.sum();
    }
}
