package org.camelvideo.rtsp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import org.camelvideo.rtsp.auth.ServerAuthenticator;
import org.camelvideo.rtsp.interleaved.InterleavedFrame;
import org.camelvideo.rtsp.rtcp.SenderReport;
import org.camelvideo.rtsp.sdp.SdpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP method handling of one connection (RFC 2326 10): answers every request with its
 * CSeq, keeps the sessions this connection created, and frees them when it closes.
 */
final class ServerConnectionHandler extends SimpleChannelInboundHandler<Object> {

    /**
     * A reader's socket send buffer: room for the GOP burst's first writes and a high-RTT link
     * (256 KiB, doubled by Linux, carries 40 Mbit/s at 100 ms), small beside the reader's queue.
     */
    private static final int MAX_SEND_BUFFER = 256 * 1024;
    private static final int MIN_SEND_BUFFER = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final long DESCRIBE_WAIT_SECONDS = 3;
    private static final HttpResponseStatus SESSION_NOT_FOUND = RtspResponseStatuses.SESSION_NOT_FOUND;

    private final RtspServer server;
    private final List<Session> sessions = new ArrayList<>();
    private ChannelHandlerContext rawContext;

    ServerConnectionHandler(RtspServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rawContext = ctx.pipeline().context("frames");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            handle(ctx, (FullHttpRequest) msg);
        } else if (msg instanceof InterleavedFrame) {
            // RTCP receiver reports from the reader: they keep its sessions alive.
            if (SenderReport.isRtcp(((InterleavedFrame) msg).content())) {
                sessions.forEach(Session::touch);
            }
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest req) {
        String cseq = req.headers().get(RtspHeaderNames.CSEQ);
        if (req.decoderResult().isFailure() || cseq == null) {
            FullHttpResponse bad = response(RtspResponseStatuses.BAD_REQUEST, cseq);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            // INFO: a client cut off for what it sent is something an operator needs to be able to see.
            LOG.info("Malformed RTSP request from {}: {}; closing the connection", ctx.channel().remoteAddress(),
                      cseq == null ? "no CSeq" : req.decoderResult().cause().toString());
            return;
        }
        String method = req.method().name();
        Request r = new Request(ctx, req, cseq);
        switch (method) {
            case "OPTIONS":
                touchSession(req);
                FullHttpResponse options = response(RtspResponseStatuses.OK, cseq);
                options.headers().set(RtspHeaderNames.PUBLIC, PUBLIC);
                send(ctx, options);
                break;
            case "DESCRIBE":
                describe(r);
                break;
            case "SETUP":
                setup(r);
                break;
            case "PLAY":
                play(r);
                break;
            case "PAUSE":
                pause(r);
                break;
            case "TEARDOWN":
                teardown(r);
                break;
            case "GET_PARAMETER":
            case "SET_PARAMETER":
                parameter(r);
                break;
            default:
                FullHttpResponse notImplemented = response(RtspResponseStatuses.NOT_IMPLEMENTED, cseq);
                notImplemented.headers().set(RtspHeaderNames.PUBLIC, PUBLIC);
                send(ctx, notImplemented);
        }
    }

    /** One request being answered, with its parsed path. */
    private final class Request {
        final ChannelHandlerContext ctx;
        final FullHttpRequest req;
        final String cseq;
        final String path;
        /** The request URL without its query: the reader's own query must not end up in the track URLs. */
        final String url;

        Request(ChannelHandlerContext ctx, FullHttpRequest req, String cseq) {
            this.ctx = ctx;
            this.req = req;
            this.cseq = cseq;
            this.url = stripSlash(withoutQuery(req.uri()));
            this.path = pathOf(req.uri());
        }

        void reply(HttpResponseStatus status) {
            send(ctx, response(status, cseq));
        }

        /** Whether the request may go on; else the 401 is sent. */
        boolean authorized(MediaStream stream) {
            ServerAuthenticator auth = stream.settings().authenticator;
            if (auth == null) {
                return true;
            }
            ServerAuthenticator.Result result = auth.check(req.method().name(),
                                                           req.headers().get(RtspHeaderNames.AUTHORIZATION));
            if (result.accepted()) {
                return true;
            }
            FullHttpResponse denied = response(RtspResponseStatuses.UNAUTHORIZED, cseq);
            denied.headers().set(RtspHeaderNames.WWW_AUTHENTICATE, result.challenge());
            send(ctx, denied);
            LOG.debug("Refused {} {} from {}: no valid credentials", req.method(), path, ctx.channel().remoteAddress());
            return false;
        }

        /** The session the request names, or null after a 454. */
        Session session() {
            String header = req.headers().get(RtspHeaderNames.SESSION);
            Session s = server.session(sessionId(header));
            if (s == null || s.usesTcp() && s.connection != ctx.channel()) {
                reply(SESSION_NOT_FOUND);
                return null;
            }
            s.touch();
            return s;
        }
    }

    private void describe(Request r) {
        MediaStream stream = server.find(r.path);
        if (stream == null) {
            r.reply(RtspResponseStatuses.NOT_FOUND);
            return;
        }
        if (!r.authorized(stream)) {
            return;
        }
        String host = ((InetSocketAddress) r.ctx.channel().localAddress()).getAddress().getHostAddress();
        Runnable answer = new Runnable() {
            @Override
            public void run() {
                byte[] sdp = stream.describe(host).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse ok = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, RtspResponseStatuses.OK,
                                                                  Unpooled.wrappedBuffer(sdp));
                ok.headers().set(RtspHeaderNames.CSEQ, r.cseq).set(RtspHeaderNames.CONTENT_TYPE, "application/sdp")
                        .set(RtspHeaderNames.CONTENT_BASE, r.url + "/").setInt(RtspHeaderNames.CONTENT_LENGTH, sdp.length);
                send(r.ctx, ok);
            }
        };
        // Before the first keyframe there are no parameter sets to describe: wait a little for them.
        stream.whenConfigured(answer);
        r.ctx.executor().schedule(() -> stream.giveUpWaiting(answer), DESCRIBE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private void setup(Request r) {
        String streamPath = r.path;
        int track = 0;
        int slash = r.path.lastIndexOf('/');
        if (slash >= 0 && r.path.startsWith(SdpWriter.TRACK_PREFIX, slash + 1)) {
            // The tracks of a stream at the root path are /trackID=N.
            streamPath = slash == 0 ? "/" : r.path.substring(0, slash);
            try {
                track = Integer.parseInt(r.path.substring(slash + 1 + SdpWriter.TRACK_PREFIX.length()));
            } catch (NumberFormatException e) {
                track = -1;
            }
        }
        MediaStream stream = server.find(streamPath);
        if (stream == null || track < 0 || track > 1 || track == 1 && !stream.hasAudio()) {
            r.reply(RtspResponseStatuses.NOT_FOUND);
            return;
        }
        if (!r.authorized(stream)) {
            return;
        }
        TransportHeader transport = TransportHeader.parse(r.req.headers().get(RtspHeaderNames.TRANSPORT), 2 * track);
        if (transport == null) {
            r.reply(RtspResponseStatuses.UNSUPPORTED_TRANSPORT);
            return;
        }
        Session session;
        if (r.req.headers().contains(RtspHeaderNames.SESSION)) {
            session = r.session();
            if (session == null) {
                return;
            }
            if (session.stream != stream) {
                r.reply(RtspResponseStatuses.AGGREGATE_OPERATION_NOT_ALLOWED);
                return;
            }
            if (session.playing) {
                r.reply(RtspResponseStatuses.METHOD_NOT_VALID);
                return;
            }
        } else {
            session = new Session(stream, rawContext, server.udp());
            server.add(session);
            sessions.add(session);
        }
        String reply;
        String ssrc = String.format("%08X", stream.track(track) == null ? 0 : stream.track(track).ssrc());
        if (transport.tcp) {
            session.tracks[track] = new Session.TrackTransport(transport, null, null);
            reply = "RTP/AVP/TCP;unicast;interleaved=" + transport.rtpChannel + "-" + transport.rtcpChannel;
        } else {
            InetSocketAddress remote = (InetSocketAddress) r.ctx.channel().remoteAddress();
            session.tracks[track] = new Session.TrackTransport(transport,
                    new InetSocketAddress(remote.getAddress(), transport.rtpChannel),
                    new InetSocketAddress(remote.getAddress(), transport.rtcpChannel));
            reply = "RTP/AVP;unicast;client_port=" + transport.rtpChannel + "-" + transport.rtcpChannel + ";server_port="
                    + server.udp().rtpPort() + "-" + server.udp().rtcpPort();
        }
        FullHttpResponse ok = response(RtspResponseStatuses.OK, r.cseq);
        ok.headers().set(RtspHeaderNames.TRANSPORT, reply + ";ssrc=" + ssrc)
                .set(RtspHeaderNames.SESSION, session.id + ";timeout=" + stream.settings().sessionTimeoutSeconds);
        send(r.ctx, ok);
    }

    private void play(Request r) {
        Session session = r.session();
        if (session == null || !r.authorized(session.stream)) {
            return;
        }
        if (session.trackCount() == 0) {
            r.reply(RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        if (r.path.contains("/" + SdpWriter.TRACK_PREFIX) && session.trackCount() > 1) {
            r.reply(RtspResponseStatuses.AGGREGATE_OPERATION_NOT_ALLOWED);
            return;
        }
        FullHttpResponse ok = response(RtspResponseStatuses.OK, r.cseq);
        ok.headers().set(RtspHeaderNames.SESSION, session.id).set(RtspHeaderNames.RANGE, "npt=now-");
        if (session.playing) {
            send(r.ctx, ok);
            return;
        }
        if (session.usesTcp()) {
            int limit = session.stream.settings().maxQueueBytes;
            r.ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(limit / 2, limit));
            // The kernel's send buffer, autotuned up to 4 MiB, sits in front of that queue: at a low bitrate a
            // reader that stopped reading would be noticed only after a minute of stream had gone into it.
            r.ctx.channel().config().setOption(ChannelOption.SO_SNDBUF,
                                               Math.max(MIN_SEND_BUFFER, Math.min(limit / 8, MAX_SEND_BUFFER)));
        }
        String base = r.url.replaceFirst("/" + SdpWriter.TRACK_PREFIX + "\\d+$", "");
        session.stream.play(session, base, rtpInfo -> {
            if (!rtpInfo.isEmpty()) {
                ok.headers().set(RtspHeaderNames.RTP_INFO, rtpInfo);
            }
            send(r.ctx, ok);
        });
        LOG.debug("RTSP {} plays {}", session, session.stream.path());
    }

    private void pause(Request r) {
        Session session = r.session();
        if (session == null || !r.authorized(session.stream)) {
            return;
        }
        session.stream.stop(session);
        FullHttpResponse ok = response(RtspResponseStatuses.OK, r.cseq);
        ok.headers().set(RtspHeaderNames.SESSION, session.id);
        send(r.ctx, ok);
    }

    private void teardown(Request r) {
        Session session = r.session();
        if (session == null || !r.authorized(session.stream)) {
            return;
        }
        server.remove(session);
        sessions.remove(session);
        FullHttpResponse ok = response(RtspResponseStatuses.OK, r.cseq);
        ok.headers().set(RtspHeaderNames.SESSION, session.id);
        send(r.ctx, ok);
    }

    private void parameter(Request r) {
        FullHttpResponse ok = response(RtspResponseStatuses.OK, r.cseq);
        if (r.req.headers().contains(RtspHeaderNames.SESSION)) {
            Session session = r.session();
            if (session == null) {
                return;
            }
            ok.headers().set(RtspHeaderNames.SESSION, session.id);
        }
        send(r.ctx, ok);
    }

    private void touchSession(FullHttpRequest req) {
        Session s = server.session(sessionId(req.headers().get(RtspHeaderNames.SESSION)));
        if (s != null) {
            s.touch();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        long since = ctx.channel().isWritable() ? 0 : System.nanoTime();
        for (Session s : sessions) {
            s.unwritableSinceNanos = since;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Session s : sessions) {
            server.remove(s);
        }
        sessions.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.info("Malformed RTSP input from {}: {}; closing the connection", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.writeAndFlush(response(RtspResponseStatuses.BAD_REQUEST, null)).addListener(ChannelFutureListener.CLOSE);
        } else if (cause instanceof IOException) {
            LOG.debug("RTSP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("RTSP connection {} closed after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        ctx.channel().writeAndFlush(response);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
        if (cseq != null) {
            r.headers().set(RtspHeaderNames.CSEQ, cseq);
        }
        r.headers().set("Server", "camel-video");
        return r;
    }

    static String sessionId(String header) {
        if (header == null) {
            return null;
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim();
    }

    /** The path of a request URI, absolute or not, without a trailing slash or query. */
    static String pathOf(String uri) {
        String path;
        if (uri.regionMatches(true, 0, "rtsp://", 0, 7) || uri.regionMatches(true, 0, "rtsps://", 0, 8)) {
            try {
                path = URI.create(uri).getRawPath();
            } catch (IllegalArgumentException e) {
                int slash = uri.indexOf('/', uri.indexOf("//") + 2);
                path = slash < 0 ? "/" : uri.substring(slash);
            }
        } else {
            path = uri;
        }
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return stripSlash(decoded(withoutQuery(path)));
    }

    /**
     * Players send a path's spaces and non-ASCII letters percent-encoded (UTF-8), as URLs must;
     * endpoints name the path as written.
     */
    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    private static String withoutQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String stripSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
