package org.camelvideo.benchmarks.rtsp;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.CharsetUtil;
import org.camelvideo.rtsp.interleaved.InterleavedFrame;
import org.camelvideo.rtsp.sdp.MediaDescription;
import org.camelvideo.rtsp.sdp.SessionDescription;

/**
 * One load-generator reader on one connection: DESCRIBE, SETUP of the video track over TCP,
 * PLAY, then counting what arrives on the RTP channel: frames (marker bits), packets lost
 * (sequence gaps) and bytes. Runs on its event loop; the counters are read by the main thread.
 */
final class Reader extends SimpleChannelInboundHandler<Object> {

    /** Told the arrival time of each frame's last packet, with its RTP timestamp. */
    interface FrameListener {
        void frame(Reader reader, long rtpTimestamp, long arrivalNanos);
    }

    private final String url;
    private final FrameListener listener;
    final CompletableFuture<Void> playing = new CompletableFuture<>();
    private int cseq;
    private String session;
    private String base;
    private int expected = -1;
    volatile long frames;
    volatile long lost;
    volatile long packets;
    volatile long bytes;

    Reader(String url, FrameListener listener) {
        this.url = url;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, "DESCRIBE", url, "Accept", "application/sdp");
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InterleavedFrame) {
            InterleavedFrame f = (InterleavedFrame) msg;
            if (f.channel() == 0) {
                rtp(f.content());
            }
        } else if (msg instanceof FullHttpResponse) {
            response(ctx, (FullHttpResponse) msg);
        }
    }

    private void rtp(ByteBuf p) {
        if (p.readableBytes() < 12) {
            return;
        }
        int seq = p.getUnsignedShort(p.readerIndex() + 2);
        if (expected >= 0 && seq != expected) {
            lost += (seq - expected) & 0xffff;
        }
        expected = (seq + 1) & 0xffff;
        packets++;
        bytes += p.readableBytes();
        if ((p.getByte(p.readerIndex() + 1) & 0x80) != 0) {
            frames++;
            if (listener != null) {
                listener.frame(this, p.getUnsignedInt(p.readerIndex() + 4), System.nanoTime());
            }
        }
    }

    private void response(ChannelHandlerContext ctx, FullHttpResponse r) {
        if (r.status().code() != 200) {
            playing.completeExceptionally(new IllegalStateException("Server answered " + r.status()));
            ctx.close();
            return;
        }
        if (base == null) {
            String contentBase = r.headers().get(RtspHeaderNames.CONTENT_BASE);
            base = contentBase != null ? contentBase : url + "/";
            SessionDescription sdp = SessionDescription.parse(r.content().toString(CharsetUtil.UTF_8));
            MediaDescription video = sdp.find("video", "H264");
            String control = video.control();
            String trackUrl = control.startsWith("rtsp://") ? control : (base.endsWith("/") ? base : base + "/") + control;
            send(ctx, "SETUP", trackUrl, "Transport", "RTP/AVP/TCP;unicast;interleaved=0-1");
        } else if (session == null) {
            session = r.headers().get(RtspHeaderNames.SESSION).split(";")[0];
            send(ctx, "PLAY", base, "Range", "npt=0.000-");
        } else {
            playing.complete(null);
        }
    }

    private void send(ChannelHandlerContext ctx, String method, String uri, String header, String value) {
        FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.valueOf(method), uri,
                                                         Unpooled.EMPTY_BUFFER);
        req.headers().set(RtspHeaderNames.CSEQ, ++cseq).set(header, value);
        if (session != null) {
            req.headers().set(RtspHeaderNames.SESSION, session);
        }
        ctx.writeAndFlush(req);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        playing.completeExceptionally(cause);
        ctx.close();
    }
}
