package org.camelvideo.media.h265;

import org.camelvideo.media.bits.BitReader;

/** The cropped picture size from an H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1). */
public final class H265Sps {

    private static final int GENERAL_PROFILE_BITS = 88;

    private final int width;
    private final int height;

    private H265Sps(int width, int height) {
        this.width = width;
        this.height = height;
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
        r.skipBits(1); // sps_temporal_id_nesting_flag
        skipProfileTierLevel(r, maxSubLayersMinus1);
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
        return new H265Sps(width, height);
    }

    private static void skipProfileTierLevel(BitReader r, int maxSubLayersMinus1) {
        r.skipBits(GENERAL_PROFILE_BITS);
        r.skipBits(8); // general_level_idc
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
}
