package org.camelvideo.rtsp.client;

import java.util.Base64;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;
import org.camelvideo.rtsp.rtp.aac.AacDepacketizer;
import org.camelvideo.rtsp.rtp.h264.H264Depacketizer;
import org.camelvideo.rtsp.sdp.MediaDescription;

/**
 * One track the client set up: its depacketizer, and the mapping of its RTP clock to
 * presentation times (from the RTP-Info of PLAY, else from its first packet) that keeps audio
 * and video on one time line and continues across reconnections.
 */
final class ReceivedTrack {

    /** Receives the access units of a track. */
    @FunctionalInterface
    interface Delivery {
        void accessUnit(ReceivedTrack track, byte[] payload, long timestamp, boolean keyframe);
    }

    private static final int AAC_SAMPLES_PER_FRAME = 1024;

    final MediaDescription media;
    final Codec codec;
    final String controlUrl;
    final int rtpChannel;
    private final CodecConfig sdpConfig;
    private final Depacketizer depacketizer;
    private long origin = -1;
    private long lastTimestamp;
    private long extended;
    private long baseMicros;

    private ReceivedTrack(MediaDescription media, Codec codec, String controlUrl, int rtpChannel, CodecConfig sdpConfig,
                          int maxFrameLength, Delivery delivery) {
        this.media = media;
        this.codec = codec;
        this.controlUrl = controlUrl;
        this.rtpChannel = rtpChannel;
        this.sdpConfig = sdpConfig;
        AccessUnitListener listener = (payload, timestamp, keyframe) -> delivery.accessUnit(this, payload, timestamp, keyframe);
        if (codec == Codec.H264) {
            depacketizer = new H264Depacketizer(maxFrameLength, listener);
        } else {
            int sizeLength = parse(media.format("sizelength"), 13);
            int indexLength = parse(media.format("indexlength"), 3);
            depacketizer = new AacDepacketizer(sizeLength, indexLength, AAC_SAMPLES_PER_FRAME, listener);
        }
    }

    /** A track for an H.264 media section, parameter sets from {@code sprop-parameter-sets} when given. */
    static ReceivedTrack h264(MediaDescription media, String controlUrl, int rtpChannel, int maxFrameLength,
                              Delivery delivery) {
        CodecConfig config = null;
        String sprop = media.format("sprop-parameter-sets");
        if (sprop != null) {
            String[] sets = sprop.split(",");
            try {
                if (sets.length >= 2) {
                    config = CodecConfig.h264(Base64.getDecoder().decode(sets[0].trim()),
                                              Base64.getDecoder().decode(sets[1].trim()));
                }
            } catch (IllegalArgumentException e) {
                config = null; // unreadable sprop: the parameter sets come in-band instead
            }
        }
        return new ReceivedTrack(media, Codec.H264, controlUrl, rtpChannel, config, maxFrameLength, delivery);
    }

    /** A track for an RFC 3640 AAC-hbr media section. */
    static ReceivedTrack aac(MediaDescription media, String controlUrl, int rtpChannel, Delivery delivery) {
        String config = media.format("config");
        if (config == null || !"aac-hbr".equalsIgnoreCase(media.format("mode"))) {
            throw new RtspClientException("The AAC track needs mode=AAC-hbr and a config= in its fmtp, got " + media);
        }
        return new ReceivedTrack(media, Codec.AAC, controlUrl, rtpChannel, CodecConfig.aac(hex(config)), 0, delivery);
    }

    CodecConfig sdpConfig() {
        return sdpConfig;
    }

    void packet(RtpPacket packet) {
        depacketizer.packet(packet);
    }

    /** Starts a new session's time line at {@code baseMicros}, from RTP time {@code rtpTime} (or the first packet, when -1). */
    void restart(long baseMicros, long rtpTime) {
        this.baseMicros = baseMicros;
        this.origin = rtpTime;
        this.lastTimestamp = rtpTime;
        this.extended = rtpTime;
    }

    /** The presentation time of an RTP timestamp, unwrapping the 32-bit counter. */
    long ptsMicros(long timestamp) {
        if (origin < 0) {
            origin = timestamp;
            lastTimestamp = timestamp;
            extended = timestamp;
        }
        extended += (int) (timestamp - lastTimestamp);
        lastTimestamp = timestamp;
        return baseMicros + Math.floorDiv((extended - origin) * 1_000_000L, media.clockRate());
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static byte[] hex(String s) {
        try {
            return java.util.HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new RtspClientException("Unreadable AAC config in SDP: " + s);
        }
    }
}
