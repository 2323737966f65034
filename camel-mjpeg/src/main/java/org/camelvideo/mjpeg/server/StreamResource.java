package org.camelvideo.mjpeg.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.camelvideo.mjpeg.multipart.PartWriter;

/**
 * The {@code multipart/x-mixed-replace} stream. After the response head the connection leaves
 * HTTP: the codecs are taken out of the pipeline and the shared parts are written as they are,
 * until the viewer goes away (the end of the body is the end of the connection).
 */
final class StreamResource implements Resource {

    private final LiveStream stream;

    StreamResource(LiveStream stream) {
        this.stream = stream;
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (HttpMethod.HEAD.equals(request.method())) {
            HttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.EMPTY_BUFFER);
            head(response);
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response, ctx.voidPromise());
            return;
        }
        if (!stream.reserve()) {
            Responses.text(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Too many viewers: " + stream.path() + " serves at most " + stream.maxClients() + " (maxClients)",
                    HttpHeaderNames.RETRY_AFTER.toString(), "5");
            return;
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head(response);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response, ctx.voidPromise());

        ChannelPipeline pipeline = ctx.pipeline();
        Viewer viewer = new Viewer(stream, ctx.channel());
        pipeline.addLast(viewer);
        // a viewer only reads: its silence is no reason to close it, the viewer timeout watches it instead
        pipeline.remove(HttpPipeline.IDLE);
        pipeline.remove(HttpPipeline.AGGREGATOR);
        pipeline.remove(HttpPipeline.CODEC);
        pipeline.remove(ctx.handler());
        stream.add(viewer);
        if (!ctx.channel().isActive()) {
            stream.remove(viewer);
            return;
        }
        Frame latest = stream.latest();
        if (latest != null) {
            viewer.onFrame(latest.retainedPart(), latest.sequence());
            latest.release();
        }
    }

    private static void head(HttpResponse response) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, PartWriter.CONTENT_TYPE);
        Responses.noStore(response.headers());
    }
}
