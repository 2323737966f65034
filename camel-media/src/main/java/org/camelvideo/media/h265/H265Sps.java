package org.camelvideo.media.h265;

import org.camelvideo.media.bits.BitReader;

/**
 * The parts of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1) that senders need: the
 * cropped picture size, and what an HEVCDecoderConfigurationRecord repeats (the general
 * profile, tier and level bytes, chroma format, bit depths, temporal layers).
 */
public final class H265Sps {

    private static final int GENERAL_PROFILE_BITS = 88;
    /** general_profile_space through general_level_idc. */
    private static final int GENERAL_PROFILE_TIER_LEVEL_BYTES = 12;

    private final int width;
    private final int height;
    private final byte[] generalProfileTierLevel;
    private final int maxSubLayersMinus1;
    private final boolean temporalIdNesting;
    private final int chromaFormatIdc;
    private final int bitDepthLumaMinus8;
    private final int bitDepthChromaMinus8;

    private H265Sps(int width, int height, byte[] generalProfileTierLevel, int maxSubLayersMinus1, boolean temporalIdNesting,
                    int chromaFormatIdc, int bitDepthLumaMinus8, int bitDepthChromaMinus8) {
        this.width = width;
        this.height = height;
        this.generalProfileTierLevel = generalProfileTierLevel;
        this.maxSubLayersMinus1 = maxSubLayersMinus1;
        this.temporalIdNesting = temporalIdNesting;
        this.chromaFormatIdc = chromaFormatIdc;
        this.bitDepthLumaMinus8 = bitDepthLumaMinus8;
        this.bitDepthChromaMinus8 = bitDepthChromaMinus8;
    }

    /**
     * Parses an SPS NAL unit, its two header bytes included, start code excluded.
     *
     * @throws IllegalArgumentException when it is not an SPS or is truncated or malformed
     */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 4 || H265NalType.of(nal[0]) != H265NalType.SPS) {
            throw new IllegalArgumentException("Not an H.265 SPS NAL unit");
        }
        BitReader r = new BitReader(nal, 2, nal.length - 2);
        r.skipBits(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readBits(3);
        boolean temporalIdNesting = r.readFlag();
        byte[] generalProfileTierLevel = new byte[GENERAL_PROFILE_TIER_LEVEL_BYTES];
        for (int i = 0; i < generalProfileTierLevel.length; i++) {
            generalProfileTierLevel[i] = (byte) r.readBits(8);
        }
        skipSubLayers(r, maxSubLayersMinus1);
        r.readUE(); // sps_seq_parameter_set_id
        int chromaFormatIdc = r.readUE();
        if (chromaFormatIdc == 3) {
            r.skipBits(1); // separate_colour_plane_flag
        }
        int width = r.readUE();
        int height = r.readUE();
        if (r.readFlag()) {
            // Conformance window offsets count chroma samples: 2 luma samples each way for 4:2:0.
            int subWidth = chromaFormatIdc == 1 || chromaFormatIdc == 2 ? 2 : 1;
            int subHeight = chromaFormatIdc == 1 ? 2 : 1;
            width -= subWidth * (r.readUE() + r.readUE());
            height -= subHeight * (r.readUE() + r.readUE());
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("H.265 SPS with a picture of " + width + "x" + height);
        }
        int bitDepthLumaMinus8 = r.readUE();
        int bitDepthChromaMinus8 = r.readUE();
        return new H265Sps(width, height, generalProfileTierLevel, maxSubLayersMinus1, temporalIdNesting, chromaFormatIdc,
                           bitDepthLumaMinus8, bitDepthChromaMinus8);
    }

    /** The sub-layer part of profile_tier_level(1, maxSubLayersMinus1), after its general part. */
    private static void skipSubLayers(BitReader r, int maxSubLayersMinus1) {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skipBits(GENERAL_PROFILE_BITS);
            }
            if (levelPresent[i]) {
                r.skipBits(8);
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The 12 bytes from general_profile_space to general_level_idc. */
    public byte[] generalProfileTierLevel() {
        return generalProfileTierLevel.clone();
    }

    public int maxSubLayersMinus1() {
        return maxSubLayersMinus1;
    }

    public boolean temporalIdNesting() {
        return temporalIdNesting;
    }

    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    public int bitDepthLumaMinus8() {
        return bitDepthLumaMinus8;
    }

    public int bitDepthChromaMinus8() {
        return bitDepthChromaMinus8;
    }
}
