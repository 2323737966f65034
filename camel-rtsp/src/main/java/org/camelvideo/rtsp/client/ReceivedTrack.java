package org.camelvideo.rtsp.client;

import java.util.Base64;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;
import org.camelvideo.rtsp.rtp.aac.AacDepacketizer;
import org.camelvideo.rtsp.rtp.h264.H264Depacketizer;
import org.camelvideo.rtsp.rtp.h265.H265Depacketizer;
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
        } else if (codec == Codec.H265) {
            depacketizer = new H265Depacketizer(maxFrameLength, listener);
        } else {
            int sizeLength = parse(media.format("sizelength"), 13);
            int indexLength = parse(media.format("indexlength"), 3);
            depacketizer = new AacDepacketizer(sizeLength, indexLength, AAC_SAMPLES_PER_FRAME, listener);
        }
    }

    /** A track for an H.264 or H.265 media section, parameter sets from its fmtp when given. */
    static ReceivedTrack video(MediaDescription media, String controlUrl, int rtpChannel, int maxFrameLength,
                               Delivery delivery) {
        boolean h265 = "H265".equalsIgnoreCase(media.encoding());
        if (h265 && parse(media.format("sprop-max-don-diff"), 0) != 0) {
            throw new RtspClientException("The H.265 track sends decoding order numbers (sprop-max-don-diff), which this client"
                                          + " does not support: " + media);
        }
        CodecConfig config;
        try {
            config = h265 ? h265Config(media) : h264Config(media);
        } catch (IllegalArgumentException e) {
            config = null; // unreadable: the parameter sets come in-band instead
        }
        return new ReceivedTrack(media, h265 ? Codec.H265 : Codec.H264, controlUrl, rtpChannel, config, maxFrameLength, delivery);
    }

    /** RFC 6184 {@code sprop-parameter-sets}: the SPS and the PPS, base64, comma-separated. */
    private static CodecConfig h264Config(MediaDescription media) {
        String sprop = media.format("sprop-parameter-sets");
        String[] sets = sprop == null ? new String[0] : sprop.split(",");
        return sets.length < 2 ? null : CodecConfig.h264(base64(sets[0]), base64(sets[1]));
    }

    /** RFC 7798 {@code sprop-vps}, {@code sprop-sps} and {@code sprop-pps}, base64 each (the first when several). */
    private static CodecConfig h265Config(MediaDescription media) {
        String vps = media.format("sprop-vps");
        String sps = media.format("sprop-sps");
        String pps = media.format("sprop-pps");
        return vps == null || sps == null || pps == null ? null
                : CodecConfig.h265(base64(vps.split(",")[0]), base64(sps.split(",")[0]), base64(pps.split(",")[0]));
    }

    private static byte[] base64(String value) {
        return Base64.getDecoder().decode(value.trim());
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
