package org.camelvideo.rtsp.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.Timeline;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.rtsp.rtcp.SenderReport;
import org.camelvideo.rtsp.rtp.RtpFrame;
import org.camelvideo.rtsp.rtp.RtpFrameWriter;
import org.camelvideo.rtsp.rtp.RtpTrack;
import org.camelvideo.rtsp.rtp.aac.AacPacketizer;
import org.camelvideo.rtsp.rtp.h264.H264Packetizer;
import org.camelvideo.rtsp.rtp.h265.H265Packetizer;
import org.camelvideo.rtsp.sdp.SdpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is served at one path: the current codec configurations, the two RTP tracks, the frames
 * since the latest keyframe (the GOP cache a new reader starts from) and the readers.
 * <p>
 * The producer thread packetizes each frame once and hands the same buffer to every reader, through
 * one task per event loop; nothing here waits for a reader. One lock orders frames and joins: a
 * reader joins on its connection's event loop, gets the cache there, and the next frame's task for
 * that loop runs after, so it sees the live frames without a hole or a repeat.
 */
public final class MediaStream {

    private final WriteLatency writeLatency = new WriteLatency();

    private static final Logger LOG = LoggerFactory.getLogger(MediaStream.class);
    /** RTP, interleaved and FU headers per packet, to size the frame buffer in one go. */
    private static final int PACKET_OVERHEAD = 20;

    private final String path;
    private final StreamSettings settings;
    private final ByteBufAllocator alloc;
    private final H264Packetizer h264;
    private final H265Packetizer h265;
    private final AacPacketizer aac;
    private final RtpTrack video = new RtpTrack(SdpWriter.VIDEO_PAYLOAD_TYPE, 90_000);
    /**
     * A source that starts again from zero (a relayed camera that rebooted) is carried on: players
     * freeze or drop a stream whose RTP time goes back. Presentation times may go back a little
     * for B-frames, never by a second.
     */
    private final Timeline timeline = new Timeline(2, 1_000_000, 10_000_000);
    private volatile RtpTrack audio;
    private volatile Codec videoCodec;
    private volatile CodecConfig videoConfig;
    private volatile CodecConfig audioConfig;
    private volatile KeyframeRequester keyframeRequester;
    private final List<RtpFrame> gop = new ArrayList<>();
    private long gopBytes;
    private boolean gopValid;
    private final List<Session> readers = new ArrayList<>();
    /** The readers by the event loop of their connection, each group an array replaced on change. */
    private final Map<EventExecutor, Session[]> readersByLoop = new HashMap<>();
    private final List<Runnable> configWaiters = new ArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong oversizeFrames = new AtomicLong();
    private final AtomicLong readerDrops = new AtomicLong();
    private final AtomicLong stuckReaders = new AtomicLong();
    private boolean closed;

    MediaStream(String path, StreamSettings settings, ByteBufAllocator alloc) {
        this.path = path;
        this.settings = settings;
        this.alloc = alloc;
        this.h264 = new H264Packetizer(settings.payloadSize);
        this.h265 = new H265Packetizer(settings.payloadSize);
        this.aac = new AacPacketizer(settings.payloadSize);
    }

    public String path() {
        return path;
    }

    StreamSettings settings() {
        return settings;
    }

    /** Remembers the encoder upstream, asked for a keyframe when a reader has to wait for one. */
    public void keyframeRequester(KeyframeRequester requester) {
        this.keyframeRequester = requester;
    }

    /**
     * Serves one H.264 or H.265 access unit; a path serves one video codec, the first it gets.
     *
     * @param config the parameter sets the producer knows, or null; in-band ones win
     */
    public void publishVideo(Codec codec, byte[] accessUnit, long ptsMicros, boolean keyframe, CodecConfig config) {
        if (accessUnit.length == 0) {
            throw new IllegalArgumentException("Empty " + codec + " frame: the body holds no NAL unit");
        }
        if (videoCodec == null) {
            videoCodec = codec;
        } else if (videoCodec != codec) {
            throw new IllegalArgumentException(path + " serves " + videoCodec + " to its readers; a " + codec
                                               + " frame cannot join the stream");
        }
        CodecConfig current = keyframe ? VideoAccessUnits.parameterSets(codec, accessUnit) : null;
        if (current == null) {
            current = config != null ? config : videoConfig;
        }
        if (current != null && !current.equals(videoConfig)) {
            videoConfig = current;
            runConfigWaiters();
        }
        int limit = frameLimit(current);
        if (limit > 0 && accessUnit.length > limit) {
            long n = oversizeFrames.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("Dropped a {}-byte frame on {}: larger than maxFrameLength {} ({} dropped so far)",
                         accessUnit.length, path, limit, n);
            }
            return;
        }
        RtpFrameWriter writer = new RtpFrameWriter(video, 0, video.timestampOf(timeline.map(0, ptsMicros)),
                                                   accessUnit.length + 64 + accessUnit.length / 64, alloc);
        try {
            if (codec == Codec.H265) {
                h265.packetize(accessUnit, current, writer);
            } else {
                h264.packetize(accessUnit, current, writer);
            }
        } catch (RuntimeException e) {
            writer.abandon();
            throw e;
        }
        distribute(writer.finish(keyframe));
    }

    /** Serves one raw AAC frame. */
    public void publishAudio(byte[] frame, long ptsMicros, CodecConfig config) {
        if (config == null && audioConfig == null) {
            throw new IllegalArgumentException("An AAC packet needs its AudioSpecificConfig (MediaPacket.config()) before "
                                               + "it can be described in SDP");
        }
        if (config != null && !config.equals(audioConfig)) {
            if (audioConfig != null && audioConfig.sampleRate() != config.sampleRate()) {
                throw new IllegalArgumentException("The AAC sample rate changed from " + audioConfig.sampleRate() + " to "
                                                   + config.sampleRate() + " Hz on " + path);
            }
            audio = audio != null ? audio : new RtpTrack(SdpWriter.AUDIO_PAYLOAD_TYPE, config.sampleRate());
            audioConfig = config;
        }
        RtpTrack track = audio;
        RtpFrameWriter writer = new RtpFrameWriter(track, 1, track.timestampOf(timeline.map(1, ptsMicros)), frame.length + 2 * PACKET_OVERHEAD,
                                                   alloc);
        try {
            aac.packetize(frame, writer);
        } catch (RuntimeException e) {
            writer.abandon();
            throw e;
        }
        distribute(writer.finish(true));
    }

    private int frameLimit(CodecConfig config) {
        if (settings.maxFrameLength > 0) {
            return settings.maxFrameLength;
        }
        if (config != null) {
            return config.width() * config.height();
        }
        return settings.width * settings.height;
    }

    private void distribute(RtpFrame frame) {
        long handed = System.nanoTime();
        frames.incrementAndGet();
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                cache(frame);
                // One task per event loop writes the frame to all of that loop's readers: far fewer
                // tasks and wake-ups than a write per reader from this thread.
                for (Map.Entry<EventExecutor, Session[]> group : readersByLoop.entrySet()) {
                    Session[] sessions = group.getValue();
                    frame.retain();
                    group.getKey().execute(() -> deliver(frame, sessions, handed));
                }
            }
        } finally {
            frame.release();
        }
    }

    private void deliver(RtpFrame frame, Session[] sessions, long handed) {
        try {
            for (Session reader : sessions) {
                if (!reader.playing) {
                    continue;
                }
                if (reader.offer(frame, writeLatency, handed)) {
                    readerDrops.incrementAndGet();
                    if (reader.drops() == 1) {
                        LOG.warn("Reader {} on {} cannot keep up: dropping to the next keyframe", reader, path);
                    }
                }
            }
        } finally {
            frame.release();
        }
    }

    private void addReader(Session session) {
        readers.add(session);
        readersByLoop.merge(session.connection.eventLoop(), new Session[] { session }, (a, b) -> {
            Session[] joined = Arrays.copyOf(a, a.length + 1);
            joined[a.length] = session;
            return joined;
        });
    }

    private void removeReader(Session session) {
        if (!readers.remove(session)) {
            return;
        }
        EventExecutor loop = session.connection.eventLoop();
        Session[] rest = Arrays.stream(readersByLoop.get(loop)).filter(s -> s != session).toArray(Session[]::new);
        if (rest.length == 0) {
            readersByLoop.remove(loop);
        } else {
            readersByLoop.put(loop, rest);
        }
    }

    private void cache(RtpFrame frame) {
        if (!settings.gopCache) {
            return;
        }
        if (frame.trackIndex() == 0 && frame.isKeyframe()) {
            clearCache();
            gopValid = true;
        }
        if (!gopValid) {
            return;
        }
        gop.add(frame.retain());
        gopBytes += frame.size();
        if (gopBytes > settings.maxQueueBytes) {
            // A new reader could not take this GOP in one go anyway: it waits for the next keyframe.
            clearCache();
        }
    }

    private void clearCache() {
        for (RtpFrame f : gop) {
            f.release();
        }
        gop.clear();
        gopBytes = 0;
        gopValid = false;
    }

    /** Receives the RTP-Info of a starting reader and writes the PLAY response. */
    interface PlayResponder {
        void respond(String rtpInfo);
    }

    /**
     * Starts a reader: the PLAY response, a sender report per track, then the cached GOP, then
     * live frames. Without a cache the reader waits for the next keyframe, and the encoder
     * upstream, when there is one, is asked for it.
     */
    void play(Session session, String baseUrl, PlayResponder responder) {
        boolean fromCache;
        synchronized (this) {
            fromCache = settings.gopCache && gopValid && !gop.isEmpty();
            StringBuilder rtpInfo = new StringBuilder();
            for (int t = 0; t < 2; t++) {
                RtpTrack track = t == 0 ? video : audio;
                if (!session.hasTrack(t) || track == null) {
                    continue;
                }
                RtpFrame first = fromCache ? firstCached(t) : null;
                if (rtpInfo.length() > 0) {
                    rtpInfo.append(',');
                }
                rtpInfo.append("url=").append(baseUrl).append('/').append(SdpWriter.TRACK_PREFIX).append(t);
                if (first != null) {
                    rtpInfo.append(";seq=").append(first.firstSequence()).append(";rtptime=").append(first.timestamp());
                } else {
                    rtpInfo.append(";rtptime=").append(track.timestampNow(System.nanoTime()));
                }
            }
            responder.respond(rtpInfo.toString());
            session.playing = true;
            sendSenderReports(session);
            session.startAt(!fromCache);
            if (fromCache) {
                for (RtpFrame f : gop) {
                    session.offer(f, null, 0);
                }
            }
            addReader(session);
        }
        KeyframeRequester requester = keyframeRequester;
        if (!fromCache && requester != null) {
            requester.requestKeyframe();
        }
    }

    private RtpFrame firstCached(int track) {
        for (RtpFrame f : gop) {
            if (f.trackIndex() == track) {
                return f;
            }
        }
        return null;
    }

    void sendSenderReports(Session session) {
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        for (int t = 0; t < 2; t++) {
            RtpTrack track = t == 0 ? video : audio;
            if (session.hasTrack(t) && track != null) {
                String cname = "camel-video@" + path;
                ByteBuf sr = alloc.buffer(SenderReport.length(cname));
                SenderReport.write(track, nowMillis, nowNanos, cname, sr);
                session.sendRtcp(t, sr);
            }
        }
    }

    synchronized void stop(Session session) {
        removeReader(session);
        session.playing = false;
    }

    void countStuck() {
        stuckReaders.incrementAndGet();
    }

    /** The SDP for DESCRIBE, now or, when no parameter set came yet, once one does (or at timeout). */
    void whenConfigured(Runnable action) {
        synchronized (configWaiters) {
            if (videoConfig == null) {
                configWaiters.add(action);
                return;
            }
        }
        action.run();
    }

    private void runConfigWaiters() {
        List<Runnable> waiting;
        synchronized (configWaiters) {
            waiting = new ArrayList<>(configWaiters);
            configWaiters.clear();
        }
        waiting.forEach(Runnable::run);
    }

    /** Runs a waiting DESCRIBE now, without parameter sets, if it still waits. */
    void giveUpWaiting(Runnable action) {
        boolean removed;
        synchronized (configWaiters) {
            removed = configWaiters.remove(action);
        }
        if (removed) {
            action.run();
        }
    }

    /**
     * Called once the video's parameter sets came, or the wait for them ran out: a stream that has
     * had audio and no video by then is described as audio alone (players wait for the tracks the
     * description names); one that has had neither is expected to bring H.264.
     */
    String describe(String host) {
        Codec described = videoCodec != null ? videoCodec : audioConfig != null ? null : Codec.H264;
        return SdpWriter.write(path, host, described, videoConfig, settings.width,
                               settings.height, settings.fps, audioConfig);
    }

    RtpTrack track(int index) {
        return index == 0 ? video : audio;
    }

    boolean hasAudio() {
        return audioConfig != null;
    }

    synchronized void close() {
        closed = true;
        clearCache();
        readers.clear();
        readersByLoop.clear();
    }

    /** From the producer's hand-off to the frame's write to each reader's socket. */
    public WriteLatency writeLatency() {
        return writeLatency;
    }

    public long frames() {
        return frames.get();
    }

    public long oversizeFrames() {
        return oversizeFrames.get();
    }

    public long readerDrops() {
        return readerDrops.get();
    }

    public long stuckReaders() {
        return stuckReaders.get();
    }

    public synchronized int readerCount() {
        return readers.size();
    }
}
