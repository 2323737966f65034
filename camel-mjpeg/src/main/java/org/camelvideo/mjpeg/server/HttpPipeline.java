package org.camelvideo.mjpeg.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The handlers of a new connection: a timeout for connections that say nothing, HTTP/1.1, whole
 * requests (they have no body), the router.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {

    static final String IDLE = "idle";
    static final String CODEC = "http";
    static final String AGGREGATOR = "aggregator";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final MjpegServer server;
    private final long idleTimeoutMillis;

    HttpPipeline(MjpegServer server, long idleTimeoutMillis) {
        this.server = server;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(IDLE, new ReadTimeoutHandler(idleTimeoutMillis, TimeUnit.MILLISECONDS))
                .addLast(CODEC, new HttpServerCodec(4096, 8192, 8192))
                .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new HttpRouter(server));
    }
}
