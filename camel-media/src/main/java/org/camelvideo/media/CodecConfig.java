package org.camelvideo.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.camelvideo.media.aac.AudioSpecificConfig;
import org.camelvideo.media.h264.H264Sps;
import org.camelvideo.media.h265.H265Sps;

/**
 * What a decoder needs before the first packet of a stream: SPS/PPS (and VPS for H.265)
 * without start codes, or the AAC AudioSpecificConfig. Compared by content, so that a sender
 * can tell when a stream changed and has to announce itself again.
 */
public final class CodecConfig {

    private final Codec codec;
    private final byte[] vps;
    private final byte[] sps;
    private final byte[] pps;
    private final byte[] audioSpecificConfig;
    private final int width;
    private final int height;
    private final int sampleRate;
    private final int channels;

    private CodecConfig(Codec codec, byte[] vps, byte[] sps, byte[] pps, byte[] asc) {
        this.codec = codec;
        this.vps = vps;
        this.sps = sps;
        this.pps = pps;
        this.audioSpecificConfig = asc;
        if (codec == Codec.H264) {
            H264Sps parsed = H264Sps.parse(sps);
            this.width = parsed.width();
            this.height = parsed.height();
        } else if (codec == Codec.H265) {
            H265Sps parsed = H265Sps.parse(sps);
            this.width = parsed.width();
            this.height = parsed.height();
        } else {
            this.width = 0;
            this.height = 0;
        }
        if (codec == Codec.AAC) {
            AudioSpecificConfig parsed = AudioSpecificConfig.parse(asc);
            this.sampleRate = parsed.sampleRate();
            this.channels = parsed.channels();
        } else {
            this.sampleRate = 0;
            this.channels = 0;
        }
    }

    /** H.264 parameter sets, each one NAL unit without its start code. */
    public static CodecConfig h264(byte[] sps, byte[] pps) {
        return new CodecConfig(Codec.H264, null, Objects.requireNonNull(sps, "sps"), Objects.requireNonNull(pps, "pps"), null);
    }

    /** H.265 parameter sets, each one NAL unit without its start code. */
    public static CodecConfig h265(byte[] vps, byte[] sps, byte[] pps) {
        return new CodecConfig(Codec.H265, Objects.requireNonNull(vps, "vps"), Objects.requireNonNull(sps, "sps"),
                               Objects.requireNonNull(pps, "pps"), null);
    }

    /** AAC AudioSpecificConfig as in ISO 14496-3 1.6.2.1. */
    public static CodecConfig aac(byte[] audioSpecificConfig) {
        return new CodecConfig(Codec.AAC, null, null, null, Objects.requireNonNull(audioSpecificConfig, "audioSpecificConfig"));
    }

    /** The video parameter sets as NAL units in decoding order: VPS, SPS and PPS for H.265, SPS and PPS for H.264. */
    public List<byte[]> parameterSetUnits() {
        if (codec == Codec.H265) {
            return List.of(vps, sps, pps);
        }
        if (codec == Codec.H264) {
            return List.of(sps, pps);
        }
        throw new IllegalStateException(codec + " has no video parameter sets");
    }

    public Codec codec() {
        return codec;
    }

    public byte[] vps() {
        return vps;
    }

    public byte[] sps() {
        return sps;
    }

    public byte[] pps() {
        return pps;
    }

    public byte[] audioSpecificConfig() {
        return audioSpecificConfig;
    }

    /** Picture width from the SPS (H.264, H.265), else 0. */
    public int width() {
        return width;
    }

    /** Picture height from the SPS (H.264), else 0. */
    public int height() {
        return height;
    }

    /** Sample rate from the AudioSpecificConfig (AAC), else 0. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Channels from the AudioSpecificConfig (AAC), else 0. */
    public int channels() {
        return channels;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CodecConfig)) {
            return false;
        }
        CodecConfig other = (CodecConfig) o;
        return codec == other.codec && Arrays.equals(vps, other.vps) && Arrays.equals(sps, other.sps)
               && Arrays.equals(pps, other.pps) && Arrays.equals(audioSpecificConfig, other.audioSpecificConfig);
    }

    @Override
    public int hashCode() {
        int h = codec.hashCode();
        h = 31 * h + Arrays.hashCode(vps);
        h = 31 * h + Arrays.hashCode(sps);
        h = 31 * h + Arrays.hashCode(pps);
        return 31 * h + Arrays.hashCode(audioSpecificConfig);
    }

    @Override
    public String toString() {
        if (codec.isVideo()) {
            return "CodecConfig[" + codec + " " + width + "x" + height + "]";
        }
        return "CodecConfig[" + codec + " " + sampleRate + "Hz x" + channels + "]";
    }
}
