package org.camelvideo.rtsp.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import org.apache.camel.util.URISupport;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.media.h264.H264AccessUnit;
import org.camelvideo.media.h265.H265AccessUnit;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtsp.auth.ClientAuthenticator;
import org.camelvideo.rtsp.interleaved.InterleavedFrame;
import org.camelvideo.rtsp.interleaved.RtspFrameDecoder;
import org.camelvideo.rtsp.netty.EventLoops;
import org.camelvideo.rtsp.rtp.RtpPacket;
import org.camelvideo.rtsp.rtp.h264.ParameterSetPlacement;
import org.camelvideo.rtsp.sdp.MediaDescription;
import org.camelvideo.rtsp.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one stream from an RTSP server: OPTIONS, DESCRIBE, SETUP per track, PLAY, then keeps the
 * session alive and turns RTP back into {@link MediaPacket}s. When the server goes away or falls
 * silent it reconnects with a doubling delay and resumes on a keyframe, on the same time line.
 * Everything runs on one Netty event loop; packets are delivered on it.
 */
public final class RtspClient {

    /** Receives the pulled packets, on the event loop. */
    @FunctionalInterface
    public interface Sink {
        void packet(MediaPacket packet);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RtspClient.class);
    private static final int MAX_CONTENT_LENGTH = 65536;
    private static final int DEFAULT_MAX_FRAME = 8 * 1024 * 1024;
    private static final int MAX_AUTH_ATTEMPTS = 3;
    /** Gap put between the time lines of two sessions, about one frame. */
    private static final long RESUME_GAP_MICROS = 40_000;

    private final ClientSettings settings;
    private final EventLoops loops;
    private final Sink sink;
    private final ClientAuthenticator auth;
    private EventLoopGroup group;
    private volatile boolean stopping;
    private volatile boolean up;
    private volatile String lastError = "not connected yet";
    private int failures;

    // State of the current connection, written on its event loop only.
    private volatile Channel channel;
    private ClientConnectionHandler handler;
    private int cseq;
    private String sessionId;
    private int sessionTimeoutSeconds = 60;
    private boolean getParameter;
    private final List<ReceivedTrack> tracks = new ArrayList<>();
    private final Map<Integer, ReceivedTrack> byChannel = new HashMap<>();
    private final List<Channel> udpChannels = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private String aggregateUrl;
    private long lastMediaNanos;
    private long lastKeepAliveNanos;
    private boolean waitingKeyframe;
    private CodecConfig videoConfig;
    private long lastPts = -1;
    private long packets;

    public RtspClient(ClientSettings settings, EventLoops loops, Sink sink) {
        this.settings = settings;
        this.loops = loops;
        this.sink = sink;
        this.auth = new ClientAuthenticator(settings.username, settings.password);
    }

    public void start() {
        group = loops.acquire();
        group.execute(this::connect);
    }

    public void stop() {
        stopping = true;
        EventLoopGroup g = group;
        if (g == null) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        g.execute(() -> {
            Channel ch = channel;
            if (ch == null) {
                cleanUp();
                done.complete(null);
                return;
            }
            // The UDP sockets and the timer belong to the connection's event loop, which may be
            // setting them up right now: they are cleaned up there, once the connection is closed.
            ch.closeFuture().addListener(f -> {
                cleanUp();
                done.complete(null);
            });
            if (ch.isActive() && sessionId != null) {
                send(RtspMethods.TEARDOWN.name(), aggregateUrl, Map.of()).whenComplete((r, e) -> ch.close());
                ch.eventLoop().schedule(() -> ch.close(), 1, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
        try {
            done.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            // A loop stuck that long: what is left closes when the component's event loops shut down.
            LOG.debug("TEARDOWN of {} did not finish: {}", settings.shownUrl(), e.toString());
        }
        group = null;
        loops.release();
    }

    /** Whether a session is playing now. */
    public boolean isUp() {
        return up;
    }

    /** Why the client is not playing, when it is not. */
    public String lastError() {
        return lastError;
    }

    /** RTP packets received over the client's life. */
    public long packets() {
        return packets;
    }

    private void connect() {
        if (stopping) {
            return;
        }
        ClientConnectionHandler h = new ClientConnectionHandler(new ClientConnectionHandler.Listener() {
            @Override
            public void interleaved(InterleavedFrame frame) {
                ReceivedTrack t = byChannel.get(frame.channel());
                if (t != null) {
                    rtp(t, frame.content());
                }
            }

            @Override
            public void closed(Throwable cause) {
                disconnected(cause);
            }
        });
        Bootstrap b = new Bootstrap().group(group).channel(Transport.socket(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RtspFrameDecoder(8192, MAX_CONTENT_LENGTH), new RtspDecoder(),
                                              new HttpObjectAggregator(MAX_CONTENT_LENGTH), new RtspEncoder(), h);
                    }
                });
        ChannelFuture f = b.connect(settings.host, settings.port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                failed("cannot connect to " + settings.host + ":" + settings.port + ": " + SocketErrors.reason(done.cause()));
                scheduleReconnect();
                return;
            }
            channel = f.channel();
            handler = h;
            handshake();
        });
    }

    private void handshake() {
        cseq = 0;
        sessionId = null;
        tracks.clear();
        byChannel.clear();
        String url = settings.url();
        send("OPTIONS", url, Map.of()).thenCompose(options -> {
            String methods = options.header(RtspHeaderNames.PUBLIC);
            getParameter = methods != null && methods.toUpperCase(Locale.ROOT).contains("GET_PARAMETER");
            return send("DESCRIBE", url, Map.of(RtspHeaderNames.ACCEPT.toString(), "application/sdp"));
        }).thenCompose(this::setUp).thenCompose(v -> send("PLAY", aggregateUrl, Map.of(RtspHeaderNames.RANGE.toString(),
                                                                                       "npt=0.000-")))
                .whenComplete((play, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        failed(cause instanceof RtspClientException ? cause.getMessage() : cause.toString());
                        channel.close();
                    } else {
                        playing(play);
                    }
                });
    }

    private CompletableFuture<Void> setUp(RtspResponse describe) {
        String base = describe.header(RtspHeaderNames.CONTENT_BASE);
        if (base == null) {
            base = describe.header(RtspHeaderNames.CONTENT_LOCATION);
        }
        if (base == null) {
            base = settings.url();
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(describe.body);
        } catch (IllegalArgumentException e) {
            throw new RtspClientException("The server's session description is unusable: " + e.getMessage());
        }
        aggregateUrl = resolve(base, sdp.control());
        MediaDescription video = sdp.find("video", "H264");
        if (video == null) {
            video = sdp.find("video", "H265");
        }
        MediaDescription audio = sdp.find("audio", "MPEG4-GENERIC");
        if (video == null && audio == null) {
            throw new RtspClientException("The stream has no H.264, H.265 or AAC track: " + sdp.media());
        }
        List<MediaDescription> skipped = new ArrayList<>(sdp.media());
        skipped.remove(video);
        skipped.remove(audio);
        if (!skipped.isEmpty()) {
            // A camera set to H.265 still streams its AAC: say why the pictures are missing.
            LOG.warn("{} also offers {}, which this client does not pull: it takes H.264 or H.265 video and AAC audio",
                     settings.shownUrl(), skipped);
        }
        int maxFrame = settings.maxFrameLength > 0 ? settings.maxFrameLength : DEFAULT_MAX_FRAME;
        if (video != null) {
            tracks.add(ReceivedTrack.video(video, resolve(base, video.control()), 0, maxFrame, this::accessUnit));
        }
        if (audio != null) {
            tracks.add(ReceivedTrack.aac(audio, resolve(base, audio.control()), 2 * tracks.size(), this::accessUnit));
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ReceivedTrack t : tracks) {
            chain = chain.thenCompose(v -> setUpTrack(t));
        }
        return chain;
    }

    private CompletableFuture<Void> setUpTrack(ReceivedTrack t) {
        CompletableFuture<String> transport;
        if (settings.tcp) {
            transport = CompletableFuture.completedFuture("RTP/AVP/TCP;unicast;interleaved=" + t.rtpChannel + "-"
                                                          + (t.rtpChannel + 1));
        } else {
            transport = bindUdp(t);
        }
        return transport.thenCompose(header -> send("SETUP", t.controlUrl, Map.of(RtspHeaderNames.TRANSPORT.toString(), header)))
                .thenAccept(r -> {
                    String session = r.header(RtspHeaderNames.SESSION);
                    if (session == null) {
                        throw new RtspClientException("SETUP " + t.controlUrl + " returned no Session");
                    }
                    String[] parts = session.split(";");
                    sessionId = parts[0].trim();
                    for (int i = 1; i < parts.length; i++) {
                        String p = parts[i].trim().toLowerCase(Locale.ROOT);
                        if (p.startsWith("timeout=")) {
                            sessionTimeoutSeconds = Math.max(2, parseInt(p.substring(8), 60));
                        }
                    }
                    int channel = t.rtpChannel;
                    String reply = r.header(RtspHeaderNames.TRANSPORT);
                    if (settings.tcp && reply != null) {
                        int at = reply.indexOf("interleaved=");
                        if (at >= 0) {
                            String v = reply.substring(at + 12).split("[-;]")[0];
                            channel = parseInt(v, channel);
                        }
                    }
                    byChannel.put(channel, t);
                });
    }

    private CompletableFuture<String> bindUdp(ReceivedTrack t) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(channel.eventLoop()).channel(Transport.datagram(channel.eventLoop()));
        ChannelFuture rtp = b.clone().handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                rtp(t, msg.content());
            }
        }).bind(0);
        ChannelFuture rtcp = b.clone().handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                // Sender reports: the RTP-Info of PLAY already ties the tracks' clocks together.
            }
        }).bind(0);
        udpChannels.add(rtp.channel());
        udpChannels.add(rtcp.channel());
        rtp.addListener(a -> rtcp.addListener(c -> {
            if (!a.isSuccess() || !c.isSuccess()) {
                result.completeExceptionally(new RtspClientException("Cannot bind UDP ports for RTP"));
            } else {
                result.complete("RTP/AVP;unicast;client_port=" + ((InetSocketAddress) rtp.channel().localAddress()).getPort()
                                + "-" + ((InetSocketAddress) rtcp.channel().localAddress()).getPort());
            }
        }));
        return result;
    }

    private void playing(RtspResponse play) {
        Map<String, Long> rtpTimes = rtpTimes(play.header(RtspHeaderNames.RTP_INFO));
        long base = lastPts < 0 ? 0 : lastPts + RESUME_GAP_MICROS;
        for (ReceivedTrack t : tracks) {
            Long rtpTime = null;
            for (Map.Entry<String, Long> e : rtpTimes.entrySet()) {
                if (e.getKey().endsWith(t.controlUrl) || t.controlUrl.endsWith(e.getKey())) {
                    rtpTime = e.getValue();
                }
            }
            t.restart(base, rtpTime == null ? -1 : rtpTime);
        }
        videoConfig = null;
        for (ReceivedTrack t : tracks) {
            if (t.codec.isVideo()) {
                videoConfig = t.sdpConfig();
                waitingKeyframe = true;
            }
        }
        up = true;
        failures = 0;
        lastError = null;
        lastMediaNanos = System.nanoTime();
        lastKeepAliveNanos = lastMediaNanos;
        Channel ch = channel;
        timer = ch.eventLoop().scheduleAtFixedRate(() -> tick(ch), 1, 1, TimeUnit.SECONDS);
        LOG.info("Pulling {} over {}: {}", settings.shownUrl(), settings.tcp ? "TCP" : "UDP", tracks.size() == 2
                ? tracks.get(0).codec + " and AAC" : tracks.get(0).codec);
    }

    private void tick(Channel ch) {
        long now = System.nanoTime();
        if (now - lastMediaNanos > TimeUnit.MILLISECONDS.toNanos(settings.mediaTimeoutMillis)) {
            failed("no media for " + settings.mediaTimeoutMillis + " ms");
            ch.close();
            return;
        }
        if (now - lastKeepAliveNanos > TimeUnit.SECONDS.toNanos(sessionTimeoutSeconds) / 2) {
            lastKeepAliveNanos = now;
            send(getParameter ? "GET_PARAMETER" : "OPTIONS", aggregateUrl, Map.of()).whenComplete((r, e) -> {
                if (e != null) {
                    failed("keepalive failed: " + e.getMessage());
                    ch.close();
                }
            });
        }
    }

    private void rtp(ReceivedTrack track, ByteBuf data) {
        RtpPacket p = RtpPacket.parse(data);
        if (p == null || p.payloadType() != track.media.payloadType()) {
            return;
        }
        lastMediaNanos = System.nanoTime();
        packets++;
        track.packet(p);
    }

    /** Stops reading the interleaved stream until {@link #resumeReading()}; false over UDP, which cannot be paused. */
    public boolean pauseReading() {
        Channel c = channel;
        if (!settings.tcp || c == null) {
            return false;
        }
        c.config().setAutoRead(false);
        return true;
    }

    public void resumeReading() {
        Channel c = channel;
        if (c != null) {
            c.config().setAutoRead(true);
        }
    }

    /** An access unit of {@code track} came out of its depacketizer. */
    private void accessUnit(ReceivedTrack track, byte[] payload, long timestamp, boolean keyframe) {
        CodecConfig config;
        if (track.codec.isVideo()) {
            if (waitingKeyframe && !keyframe) {
                return;
            }
            waitingKeyframe = false;
            if (keyframe) {
                payload = track.codec == Codec.H264 ? placeH264ParameterSets(payload) : placeH265ParameterSets(payload);
            }
            config = videoConfig;
        } else {
            if (waitingKeyframe) {
                return;
            }
            config = track.sdpConfig();
        }
        long pts = track.ptsMicros(timestamp);
        lastPts = Math.max(lastPts, pts);
        sink.packet(new MediaPacket(track.codec, payload, pts, pts, keyframe, config));
    }

    private byte[] placeH264ParameterSets(byte[] keyframe) {
        CodecConfig inBand = H264AccessUnit.parameterSets(keyframe);
        videoConfig = inBand != null ? inBand : videoConfig;
        return videoConfig == null ? keyframe : ParameterSetPlacement.normalize(keyframe, videoConfig);
    }

    /** Readers that join at any keyframe need the parameter sets that cameras often send only in the SDP. */
    private byte[] placeH265ParameterSets(byte[] keyframe) {
        CodecConfig inBand = H265AccessUnit.parameterSets(keyframe);
        if (inBand != null) {
            videoConfig = inBand;
            return keyframe;
        }
        return videoConfig == null ? keyframe : VideoAccessUnits.withParameterSets(videoConfig, keyframe);
    }

    private CompletableFuture<RtspResponse> send(String method, String uri, Map<String, String> headers) {
        return send(method, uri, headers, 0);
    }

    private CompletableFuture<RtspResponse> send(String method, String uri, Map<String, String> headers, int attempt) {
        Channel ch = channel;
        String id = Integer.toString(++cseq);
        FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.valueOf(method), uri,
                                                         Unpooled.EMPTY_BUFFER);
        req.headers().set(RtspHeaderNames.CSEQ, id).set(RtspHeaderNames.USER_AGENT, "camel-video");
        if (sessionId != null) {
            req.headers().set(RtspHeaderNames.SESSION, sessionId);
        }
        String authorization = auth.authorization(method, uri);
        if (authorization != null) {
            req.headers().set(RtspHeaderNames.AUTHORIZATION, authorization);
        }
        headers.forEach((k, v) -> req.headers().set(k, v));
        CompletableFuture<RtspResponse> response = handler.expect(id);
        ch.writeAndFlush(req).addListener(w -> {
            if (!w.isSuccess()) {
                response.completeExceptionally(new RtspClientException(method + " could not be sent: " + w.cause()));
            }
        });
        ScheduledFuture<?> timeout = ch.eventLoop().schedule(() -> {
            handler.forget(id);
            response.completeExceptionally(new RtspClientException("No answer to " + method + " " + URISupport.sanitizeUri(uri)
                                                                   + " within " + settings.connectTimeoutMillis + " ms"));
        }, settings.connectTimeoutMillis, TimeUnit.MILLISECONDS);
        return response.thenCompose(r -> {
            timeout.cancel(false);
            if (r.status == 401) {
                if (attempt < MAX_AUTH_ATTEMPTS && auth.challenged(r.all(RtspHeaderNames.WWW_AUTHENTICATE))) {
                    return send(method, uri, headers, attempt + 1);
                }
                throw new RtspClientException(settings.username == null
                        ? "The RTSP server wants credentials for " + settings.shownUrl() + ": set username and password"
                        : "The RTSP server refused the credentials of user '" + settings.username + "' for "
                          + settings.shownUrl());
            }
            if (r.status >= 300) {
                throw new RtspClientException(method + " " + URISupport.sanitizeUri(uri) + " failed: " + r);
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    private void failed(String why) {
        boolean wasUp = up;
        up = false;
        lastError = why;
        if (stopping) {
            return;
        }
        if (wasUp || failures == 0) {
            LOG.warn("RTSP client of {}: {}", settings.shownUrl(), why);
        } else {
            LOG.debug("RTSP client of {}: {}", settings.shownUrl(), why);
        }
    }

    private void disconnected(Throwable cause) {
        if (up) {
            failed("the server closed the connection" + (cause == null ? "" : ": " + cause.getMessage()));
        }
        up = false;
        cleanUp();
        scheduleReconnect();
    }

    private void cleanUp() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        for (Channel c : udpChannels) {
            c.close();
        }
        udpChannels.clear();
    }

    private void scheduleReconnect() {
        if (stopping) {
            return;
        }
        long delay = Math.min(settings.maxReconnectDelayMillis, settings.reconnectDelayMillis << Math.min(failures, 20));
        failures++;
        LOG.info("Reconnecting to {} in {} ms", settings.shownUrl(), delay);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** RTP-Info's {@code url=...;rtptime=...} entries by URL. */
    static Map<String, Long> rtpTimes(String rtpInfo) {
        Map<String, Long> times = new HashMap<>();
        if (rtpInfo == null) {
            return times;
        }
        for (String entry : rtpInfo.split(",")) {
            String url = null;
            Long time = null;
            for (String p : entry.split(";")) {
                String kv = p.trim();
                if (kv.startsWith("url=")) {
                    url = kv.substring(4);
                } else if (kv.startsWith("rtptime=")) {
                    try {
                        time = Long.parseLong(kv.substring(8).trim()) & 0xffff_ffffL;
                    } catch (NumberFormatException e) {
                        time = null;
                    }
                }
            }
            if (url != null && time != null) {
                times.put(url, time);
            }
        }
        return times;
    }

    /** A control attribute against the base URL (RFC 2326 C.1.1). */
    static String resolve(String base, String control) {
        if (control == null || control.equals("*")) {
            return base;
        }
        if (control.regionMatches(true, 0, "rtsp://", 0, 7)) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
