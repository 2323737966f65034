package org.camelvideo.mjpeg.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one request: authentication, then the resource at the path, GET and HEAD only. */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final MjpegServer server;

    HttpRouter(MjpegServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Responses.text(ctx, request, HttpResponseStatus.BAD_REQUEST,
                    "Bad request: " + request.decoderResult().cause().getMessage(),
                    HttpHeaderNames.CONNECTION.toString(), "close");
            ctx.close();
            return;
        }
        BasicAuth auth = server.auth();
        if (auth != null && !auth.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            LOG.debug("Refused {} {} from {}: wrong or missing credentials", request.method(), request.uri(),
                    ctx.channel().remoteAddress());
            Responses.text(ctx, request, HttpResponseStatus.UNAUTHORIZED, "Authentication required",
                    HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Basic realm=\"MJPEG\", charset=\"UTF-8\"");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Resource resource = server.resource(path);
        if (resource == null) {
            Responses.text(ctx, request, HttpResponseStatus.NOT_FOUND, "Nothing is served at " + path);
            return;
        }
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            Responses.text(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + path + ": use GET or HEAD",
                    HttpHeaderNames.ALLOW.toString(), "GET, HEAD");
            return;
        }
        resource.serve(ctx, request);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
