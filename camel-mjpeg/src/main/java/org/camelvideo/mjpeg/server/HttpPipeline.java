package org.camelvideo.mjpeg.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** The handlers of a new connection: HTTP/1.1, whole requests (they have no body), the router. */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {

    static final String CODEC = "http";
    static final String AGGREGATOR = "aggregator";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final MjpegServer server;

    HttpPipeline(MjpegServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(CODEC, new HttpServerCodec(4096, 8192, 8192))
                .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new HttpRouter(server));
    }
}
