package org.camelvideo.rtsp.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import org.camelvideo.rtsp.interleaved.InterleavedFrame;

/**
 * The client side of one RTSP connection: matches responses to requests by CSeq and hands
 * interleaved packets to the session.
 */
final class ClientConnectionHandler extends SimpleChannelInboundHandler<Object> {

    /** What the connection delivers besides responses. */
    interface Listener {
        void interleaved(InterleavedFrame frame);

        void closed(Throwable cause);
    }

    private final Map<String, CompletableFuture<RtspResponse>> pending = new ConcurrentHashMap<>();
    private final Listener listener;
    private Throwable failure;

    ClientConnectionHandler(Listener listener) {
        this.listener = listener;
    }

    CompletableFuture<RtspResponse> expect(String cseq) {
        CompletableFuture<RtspResponse> f = new CompletableFuture<>();
        pending.put(cseq, f);
        return f;
    }

    void forget(String cseq) {
        pending.remove(cseq);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InterleavedFrame) {
            listener.interleaved((InterleavedFrame) msg);
        } else if (msg instanceof FullHttpResponse) {
            FullHttpResponse r = (FullHttpResponse) msg;
            String cseq = r.headers().get(RtspHeaderNames.CSEQ);
            CompletableFuture<RtspResponse> f = cseq == null ? null : pending.remove(cseq.trim());
            if (r.decoderResult().isFailure()) {
                ctx.close();
            } else if (f != null) {
                f.complete(new RtspResponse(r));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        RtspClientException closed = new RtspClientException("The RTSP server closed the connection"
                                                              + (failure == null ? "" : ": " + describe(failure)));
        pending.values().forEach(f -> f.completeExceptionally(closed));
        pending.clear();
        listener.closed(failure);
    }

    private static String describe(Throwable t) {
        return t instanceof IOException ? t.getMessage() : t.toString();
    }
}
