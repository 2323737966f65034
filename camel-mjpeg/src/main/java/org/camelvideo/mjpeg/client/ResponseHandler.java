package org.camelvideo.mjpeg.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.camelvideo.mjpeg.multipart.Boundary;
import org.camelvideo.mjpeg.multipart.MultipartJpegDecoder;
import org.camelvideo.netty.SocketErrors;

/**
 * Asks for the stream and checks the answer: a 200 with a multipart Content-Type installs the
 * part decoder behind this handler, which from then on passes the body bytes on (de-chunked by
 * the HTTP codec). Anything else is an error with a message that says what was wrong. When the
 * connection ends it tells the client why, once.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private final MjpegClient client;
    private final ClientSettings settings;
    private boolean streaming;
    private String reason;

    ResponseHandler(MjpegClient client, ClientSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String target = settings.url().getRawPath() + (settings.url().getRawQuery() == null ? "" : "?" + settings.url().getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        int port = settings.url().getPort();
        boolean defaultPort = port == ("https".equals(settings.url().getScheme()) ? 443 : 80);
        request.headers().set(HttpHeaderNames.HOST, settings.url().getHost() + (defaultPort ? "" : ":" + port));
        request.headers().set(HttpHeaderNames.ACCEPT, "multipart/x-mixed-replace, image/jpeg, */*");
        request.headers().set(HttpHeaderNames.USER_AGENT, "camel-mjpeg");
        if (settings.username() != null) {
            String credentials = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            request.headers().set(HttpHeaderNames.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        ctx.writeAndFlush(request);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                start(ctx, response);
            }
            if (msg instanceof HttpContent content && streaming) {
                ctx.fireChannelRead(content.content().retain());
                // the end of a body that ends with the connection arrives once the connection is gone
                if (content instanceof LastHttpContent && ctx.channel().isActive()) {
                    fail(ctx, "the camera ended the stream");
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(ctx, "malformed HTTP response: " + reason(response.decoderResult().cause()));
            return;
        }
        HttpResponseStatus status = response.status();
        if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
            fail(ctx, settings.username() == null
                    ? "the camera asks for credentials (401): set username and password"
                    : "the camera refused the credentials (401): check username and password");
            return;
        }
        if (status.code() != 200) {
            fail(ctx, "the camera answered " + status);
            return;
        }
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") || type.startsWith("text/")) {
            fail(ctx, "the camera answered " + contentType + ", not a multipart JPEG stream: is this its MJPEG stream URL?");
            return;
        }
        // a Content-Type without boundary (ffmpeg's HTTP server sends application/octet-stream, some
        // cameras a bare multipart/x-mixed-replace) leaves the boundary to be learnt from the first delimiter
        ctx.pipeline().addAfter(ctx.name(), "parts", new MultipartJpegDecoder(Boundary.fromContentType(contentType),
                settings.maxFrameSize(), client::dropped));
        streaming = true;
    }

    /** Closes the connection for {@code why}; what goes wrong after the first failure is its consequence. */
    private void fail(ChannelHandlerContext ctx, String why) {
        if (reason == null) {
            reason = why;
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, reason(cause));
    }

    /**
     * Netty fires the close of a connection after it has completed its close future, and the HTTP
     * codec passes on what the close ended only then: here every reason is known. The part decoder
     * hands on what it still holds before the client hears of the end.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.fireChannelInactive();
        client.disconnected(reason == null ? "the camera closed the connection" : reason);
    }

    private String reason(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof ReadTimeoutException) {
            return "nothing received for " + settings.readTimeoutMillis() + " ms";
        }
        if (c instanceof SSLException) {
            return "TLS with the camera failed: " + SocketErrors.reason(c);
        }
        return SocketErrors.reason(c);
    }
}
