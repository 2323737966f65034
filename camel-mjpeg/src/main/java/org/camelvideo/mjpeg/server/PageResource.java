package org.camelvideo.mjpeg.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** An HTML page: the user's own, or the built-in viewer page. */
final class PageResource implements Resource {

    private final byte[] html;

    PageResource(String html) {
        this.html = html.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        Responses.send(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8", Unpooled.wrappedBuffer(html));
    }
}
