package org.camelvideo.mjpeg.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The stream's figures as JSON, which the built-in viewer page polls. */
final class StatsResource implements Resource {

    private final LiveStream stream;

    StatsResource(LiveStream stream) {
        this.stream = stream;
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        Responses.send(ctx, request, HttpResponseStatus.OK, "application/json",
                Unpooled.copiedBuffer(json(stream), StandardCharsets.UTF_8));
    }

    static String json(LiveStream stream) {
        int[] size = stream.size();
        return String.format(Locale.ROOT,
                "{\"width\":%d,\"height\":%d,\"fps\":%.1f,\"viewers\":%d,\"frames\":%d,\"skipped\":%d,"
                        + "\"rejected\":%d,\"timedOut\":%d,\"bytesSent\":%d}",
                size[0], size[1], stream.fps(), stream.viewerCount(), stream.framesPublished(), stream.framesSkipped(),
                stream.viewersRejected(), stream.viewersTimedOut(), stream.bytesSent());
    }
}
