package org.camelvideo.rtmp.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.Timeline;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.rtmp.chunk.ChunkEncoder;
import org.camelvideo.rtmp.flv.FlvAudio;
import org.camelvideo.rtmp.flv.FlvVideo;
import org.camelvideo.rtmp.flv.MetaData;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;

/**
 * Publishes H.264 and AAC packets over a {@link RtmpConnection}, from any number of calling
 * threads. Never blocks a caller: while the connection is down, or the socket has
 * {@code maxPendingBytes} queued, packets are dropped and counted; video then waits for the
 * next keyframe. Each new session starts with metadata and sequence headers, then a keyframe,
 * and asks the encoder for one when it can. Timestamps are milliseconds from the first packet,
 * never going back on either track; a source that starts again from zero or leaps ahead (a
 * relayed publisher that reconnects) is carried on by a {@link Timeline}.
 * <p>
 * On a plain TCP connection the calling thread writes to the socket itself while nothing waits
 * in the pipeline ({@link PublishSocketChannel}), so a flowing stream costs the event loop
 * nothing; over TLS every message is handed to the event loop. While video flows at 20 frames a
 * second or more, an audio message is held and goes out with the next video frame: one socket
 * write (and over TLS one wake-up of the event loop) per frame instead of per packet. Audio is
 * late by at most one frame interval, as in a muxer that interleaves; without video it is sent
 * at once. Should the next frame not come, the next audio packet takes the held ones with it;
 * when nothing follows, {@link FlushDeadline} sends them 100 ms after the last flush over TLS,
 * and {@link PublishSocketChannel} within a second over plain TCP (a stopping publisher at once).
 */
public final class RtmpPublisher implements SessionListener {

    /** Audio rides with video only while video frames come at least this often. */
    private static final long HOLD_AUDIO_NANOS = 50_000_000L;
    /** A 30 fps frame interval holds one or two AAC frames; more means video has stalled. */
    private static final int MAX_HELD_AUDIO = 4;
    /**
     * When the frame held audio waits for does not come, {@link FlushDeadline} sends it this long
     * after the last flush: twice the hold, so audio queued just before the hold ran out is in the
     * event loop's queue before the deadline's flush.
     */
    static final long FLUSH_DEADLINE_NANOS = 2 * HOLD_AUDIO_NANOS;
    private static final int VIDEO_TRACK = 0;
    private static final int AUDIO_TRACK = 1;
    /** A decoding time this far back on its track is a new source, not jitter: tracks never go back. */
    private static final long BREAK_BACK_MICROS = 1_000_000;
    private static final long BREAK_AHEAD_MICROS = 10_000_000;

    private final RtmpConnection connection;
    private final double frameRate;
    private final long videoBitrate;
    private final long audioBitrate;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final LongSupplier nanoClock;

    private Channel channel;
    private long streamId;
    private CodecConfig videoConfig;
    private CodecConfig audioConfig;
    private CodecConfig announcedVideo;
    private CodecConfig announcedAudio;
    private boolean metadataSent;
    private boolean waitingForKeyframe = true;
    private final Timeline timeline = new Timeline(2, BREAK_BACK_MICROS, BREAK_AHEAD_MICROS);
    private long lastVideoTs;
    private long lastAudioTs;
    private boolean videoWritten;
    private long lastVideoNanos;
    private long videoIntervalNanos;
    private int heldAudio;
    private KeyframeRequester keyframeRequester;
    private volatile String refusal;
    private final AtomicBoolean refusalUnreported = new AtomicBoolean();

    public RtmpPublisher(EventLoopGroup group, ClientTarget target, ClientOptions options, double frameRate, long videoBitrate,
                         long audioBitrate) {
        this(group, target, options, frameRate, videoBitrate, audioBitrate, System::nanoTime);
    }

    /** @param nanoClock the wall clock that tells whether video is flowing, {@link System#nanoTime()} but in tests */
    RtmpPublisher(EventLoopGroup group, ClientTarget target, ClientOptions options, double frameRate, long videoBitrate,
                  long audioBitrate, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.connection = new RtmpConnection(group, target, ClientMode.PUBLISH, options, this);
        this.frameRate = frameRate;
        this.videoBitrate = videoBitrate;
        this.audioBitrate = audioBitrate;
    }

    public void start() {
        connection.start();
    }

    public void stop() {
        synchronized (this) {
            if (channel instanceof PublishSocketChannel) {
                ((PublishSocketChannel) channel).flushHeld();
            }
        }
        connection.stop();
    }

    public RtmpConnection connection() {
        return connection;
    }

    public long sentCount() {
        return sent.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    /** The server's last refusal (code and description), or null while it has not refused. */
    public String refusal() {
        return refusal;
    }

    /**
     * The server's refusal the first time it is asked for after the server refused, else null:
     * one failed exchange per refused attempt, not one per frame until the next attempt.
     */
    public String newRefusal() {
        return refusalUnreported.compareAndSet(true, false) ? refusal : null;
    }

    /**
     * Sends a packet or drops it; returns whether it was sent.
     *
     * @throws IllegalArgumentException for codecs RTMP does not carry here, AAC without its configuration, and
     *                                  packets over 16 MiB
     */
    public synchronized boolean publish(MediaPacket packet, KeyframeRequester requester) {
        if (packet.payload().length > ChunkEncoder.MAX_MESSAGE_LENGTH - FlvVideo.MAX_HEADER_LENGTH) {
            dropped.incrementAndGet();
            throw new IllegalArgumentException("A " + packet.codec() + " packet of " + packet.payload().length
                                               + " bytes is larger than an RTMP message can carry (16 MiB)");
        }
        if (requester != null) {
            keyframeRequester = requester;
        }
        boolean ok;
        if (packet.codec() == Codec.H264 || packet.codec() == Codec.H265) {
            ok = video(packet);
        } else if (packet.codec() == Codec.AAC) {
            try {
                ok = audio(packet);
            } catch (IllegalArgumentException e) {
                dropped.incrementAndGet();
                throw e;
            }
        } else {
            throw new IllegalArgumentException("rtmp: publishes H264, H265 (Enhanced RTMP) and AAC packets, not " + packet.codec());
        }
        (ok ? sent : dropped).incrementAndGet();
        return ok;
    }

    private boolean video(MediaPacket packet) {
        CodecConfig config = packet.config();
        boolean h265 = packet.codec() == Codec.H265;
        if (config == null && packet.isKeyframe()) {
            config = VideoAccessUnits.parameterSets(packet.codec(), packet.payload());
        }
        if (config != null) {
            videoConfig = config;
        }
        Channel ch = channel;
        if (ch == null || videoConfig == null || videoConfig.codec() != packet.codec()
            || waitingForKeyframe && !packet.isKeyframe()) {
            return false;
        }
        if (!ch.isWritable()) {
            waitingForKeyframe = true;
            return false;
        }
        announce(ch);
        long ts = timestamp(VIDEO_TRACK, packet.dtsMicros(), lastVideoTs);
        lastVideoTs = ts;
        int compositionTime = (int) Math.max(0, (packet.ptsMicros() - packet.dtsMicros()) / 1000);
        ByteBuf body = h265 ? FlvVideo.hevcNalUnits(ch.alloc(), packet.payload(), packet.isKeyframe(), compositionTime)
                : FlvVideo.nalUnits(ch.alloc(), packet.payload(), packet.isKeyframe(), compositionTime);
        send(ch, new RtmpMessage(RtmpMessage.CSID_VIDEO, MessageType.VIDEO, streamId, ts, body), true);
        waitingForKeyframe = false;
        long now = nanoClock.getAsLong();
        videoIntervalNanos = videoWritten ? now - lastVideoNanos : Long.MAX_VALUE;
        lastVideoNanos = now;
        videoWritten = true;
        heldAudio = 0;
        return true;
    }

    private boolean audio(MediaPacket packet) {
        if (packet.config() != null) {
            audioConfig = packet.config();
        }
        if (audioConfig == null) {
            // Unlike H.264, raw AAC never carries its configuration in-band: waiting would not help.
            throw new IllegalArgumentException("An AAC packet without its CodecConfig (AudioSpecificConfig): rtmp: cannot"
                                               + " announce the audio without it");
        }
        Channel ch = channel;
        if (ch == null || !ch.isWritable()) {
            return false;
        }
        announce(ch);
        long ts = timestamp(AUDIO_TRACK, packet.dtsMicros(), lastAudioTs);
        lastAudioTs = ts;
        ByteBuf body = FlvAudio.rawFrame(ch.alloc(), packet.payload());
        RtmpMessage message = new RtmpMessage(RtmpMessage.CSID_AUDIO, MessageType.AUDIO, streamId, ts, body);
        boolean hold = videoFlowing();
        send(ch, message, !hold);
        if (hold) {
            heldAudio++;
        }
        return true;
    }

    /**
     * Written on this thread where the connection allows it, else handed to the event loop; a
     * message not flushed is held (by Netty, which queues it without waking the loop) and leaves
     * with the next flush.
     */
    private static void send(Channel ch, RtmpMessage message, boolean flush) {
        if (ch instanceof PublishSocketChannel) {
            ((PublishSocketChannel) ch).publish(message, flush);
        } else if (flush) {
            ch.writeAndFlush(message, ch.voidPromise());
        } else {
            ch.write(message, ch.voidPromise());
        }
    }

    private boolean videoFlowing() {
        return videoWritten && heldAudio < MAX_HELD_AUDIO && videoIntervalNanos <= HOLD_AUDIO_NANOS
               && nanoClock.getAsLong() - lastVideoNanos < HOLD_AUDIO_NANOS;
    }

    /** Metadata and sequence headers, again whenever a configuration appears or changes. */
    private void announce(Channel ch) {
        boolean videoChanged = videoConfig != null && !videoConfig.equals(announcedVideo);
        boolean audioChanged = audioConfig != null && !audioConfig.equals(announcedAudio);
        if (!metadataSent || videoChanged || audioChanged) {
            send(ch, Messages.data(ch.alloc(), streamId, MetaData.of(videoConfig, audioConfig, frameRate, videoBitrate, audioBitrate)),
                 false);
            metadataSent = true;
        }
        long ts = Math.max(lastVideoTs, lastAudioTs);
        if (videoChanged) {
            send(ch, new RtmpMessage(RtmpMessage.CSID_VIDEO, MessageType.VIDEO, streamId, ts,
                                     FlvVideo.sequenceHeader(ch.alloc(), videoConfig)), false);
            announcedVideo = videoConfig;
        }
        if (audioChanged) {
            send(ch, new RtmpMessage(RtmpMessage.CSID_AUDIO, MessageType.AUDIO, streamId, ts,
                                     FlvAudio.sequenceHeader(ch.alloc(), audioConfig)), false);
            announcedAudio = audioConfig;
        }
    }

    private long timestamp(int track, long dtsMicros, long last) {
        return Math.max(last, Math.max(0, timeline.map(track, dtsMicros) / 1000));
    }

    @Override
    public void ready(Channel ch, long id) {
        KeyframeRequester requester;
        synchronized (this) {
            channel = ch;
            streamId = id;
            metadataSent = false;
            announcedVideo = null;
            announcedAudio = null;
            waitingForKeyframe = true;
            refusal = null;
            videoWritten = false;
            heldAudio = 0;
            requester = keyframeRequester;
            ch.closeFuture().addListener(f -> lost(ch));
        }
        if (requester != null) {
            requester.requestKeyframe();
        }
    }

    private synchronized void lost(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
    }

    @Override
    public void media(RtmpMessage message) {
        message.release();
    }

    @Override
    public void refused(String reason) {
        refusal = reason;
        refusalUnreported.set(true);
    }
}
