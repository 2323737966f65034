package org.camelvideo.mjpeg.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Complete responses: live content is never cached, HEAD gets the headers alone. */
final class Responses {

    private Responses() {
    }

    /** Adds the headers that keep browsers and proxies from caching live pictures. */
    static void noStore(HttpHeaders headers) {
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store, no-cache, must-revalidate, max-age=0");
        headers.set(HttpHeaderNames.PRAGMA, HttpHeaderValues.NO_CACHE);
    }

    /** Sends {@code body} (released here) and keeps the connection open when the client asked. */
    static void send(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String contentType,
            ByteBuf body, String... extraHeaders) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        noStore(headers);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            headers.set(extraHeaders[i], extraHeaders[i + 1]);
        }
        if (head) {
            body.release();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A short plain-text answer, for errors. */
    static void text(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String text,
            String... extraHeaders) {
        send(ctx, request, status, "text/plain; charset=utf-8",
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8), extraHeaders);
    }
}
