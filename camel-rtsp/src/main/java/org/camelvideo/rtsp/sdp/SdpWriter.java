package org.camelvideo.rtsp.sdp;

import java.util.Base64;
import java.util.Locale;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.h264.H264Sps;

/**
 * The session description a server gives in DESCRIBE (RFC 4566): H.264 per RFC 6184 8.2.1 or
 * H.265 per RFC 7798 7.2 and, when there is audio, AAC per RFC 3640 (mpeg4-generic, AAC-hbr). Tracks are controlled as
 * {@code trackID=0} (video) and {@code trackID=1} (audio) under the presentation URL; an
 * audio-only session has the audio track alone, still {@code trackID=1}.
 */
public final class SdpWriter {

    public static final int VIDEO_PAYLOAD_TYPE = 96;
    public static final int AUDIO_PAYLOAD_TYPE = 97;
    public static final String TRACK_PREFIX = "trackID=";

    private SdpWriter() {
    }

    /**
     * @param codec  H264 or H265, or null for an audio-only session
     * @param video  its parameter sets, or null when none were seen yet (then players read
     *               them in-band)
     * @param width  picture size and rate to advertise when there is no SPS; 0 for none
     * @param audio  the AAC configuration, or null for a video-only session
     */
    public static String write(String sessionName, String host, Codec codec, CodecConfig video, int width, int height,
                               double fps, CodecConfig audio) {
        StringBuilder sdp = new StringBuilder(512);
        long id = System.currentTimeMillis();
        line(sdp, "v=0");
        line(sdp, "o=- " + id + " 1 IN IP4 " + host);
        line(sdp, "s=" + sessionName);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "t=0 0");
        line(sdp, "a=tool:camel-video");
        line(sdp, "a=range:npt=now-");
        line(sdp, "a=control:*");
        if (codec != null) {
            video(sdp, codec, video, width, height, fps);
        }
        if (audio != null) {
            line(sdp, "m=audio 0 RTP/AVP " + AUDIO_PAYLOAD_TYPE);
            line(sdp, "a=rtpmap:" + AUDIO_PAYLOAD_TYPE + " MPEG4-GENERIC/" + audio.sampleRate() + "/" + audio.channels());
            line(sdp, "a=fmtp:" + AUDIO_PAYLOAD_TYPE + " streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;"
                      + "indexlength=3;indexdeltalength=3;config=" + hex(audio.audioSpecificConfig()));
            line(sdp, "a=control:" + TRACK_PREFIX + "1");
        }
        return sdp.toString();
    }

    private static void video(StringBuilder sdp, Codec codec, CodecConfig video, int width, int height, double fps) {
        line(sdp, "m=video 0 RTP/AVP " + VIDEO_PAYLOAD_TYPE);
        line(sdp, "a=rtpmap:" + VIDEO_PAYLOAD_TYPE + (codec == Codec.H265 ? " H265/90000" : " H264/90000"));
        Base64.Encoder b64 = Base64.getEncoder();
        String fmtp = null;
        if (codec == Codec.H265) {
            if (video != null) {
                fmtp = "sprop-vps=" + b64.encodeToString(video.vps()) + ";sprop-sps=" + b64.encodeToString(video.sps())
                       + ";sprop-pps=" + b64.encodeToString(video.pps());
                width = video.width();
                height = video.height();
            }
        } else {
            fmtp = "packetization-mode=1";
            if (video != null) {
                H264Sps sps = H264Sps.parse(video.sps());
                fmtp += ";profile-level-id=" + sps.profileLevelId().toUpperCase(Locale.ROOT) + ";sprop-parameter-sets="
                        + b64.encodeToString(video.sps()) + "," + b64.encodeToString(video.pps());
                width = sps.width();
                height = sps.height();
                fps = sps.frameRate() > 0 ? sps.frameRate() : fps;
            }
        }
        if (fmtp != null) {
            line(sdp, "a=fmtp:" + VIDEO_PAYLOAD_TYPE + " " + fmtp);
        }
        if (width > 0 && height > 0) {
            line(sdp, "a=framesize:" + VIDEO_PAYLOAD_TYPE + " " + width + "-" + height);
            line(sdp, "a=x-dimensions:" + width + "," + height);
        }
        if (fps > 0) {
            line(sdp, "a=framerate:" + formatRate(fps));
        }
        line(sdp, "a=control:" + TRACK_PREFIX + "0");
    }

    private static String formatRate(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : String.format(Locale.ROOT, "%.3f", fps);
    }

    private static String hex(byte[] data) {
        StringBuilder s = new StringBuilder(data.length * 2);
        for (byte b : data) {
            s.append(String.format("%02X", b & 0xff));
        }
        return s.toString();
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}
