package org.camelvideo.media.h264;

import org.camelvideo.media.bits.BitReader;

/**
 * The parts of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that senders need:
 * profile and level for SDP and RTMP metadata, the cropped picture size, and the frame rate
 * when the VUI carries timing.
 */
public final class H264Sps {

    private final int profileIdc;
    private final int constraintFlags;
    private final int levelIdc;
    private final int spsId;
    private final int width;
    private final int height;
    private final double frameRate;

    private H264Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int width, int height, double frameRate) {
        this.profileIdc = profileIdc;
        this.constraintFlags = constraintFlags;
        this.levelIdc = levelIdc;
        this.spsId = spsId;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
    }

    /**
     * Parses an SPS NAL unit, header byte included, start code excluded.
     *
     * @throws IllegalArgumentException when it is not an SPS or is truncated or malformed
     */
    public static H264Sps parse(byte[] nal) {
        return parse(nal, 0, nal.length);
    }

    public static H264Sps parse(byte[] nal, int offset, int length) {
        if (length < 4 || H264NalType.of(nal[offset]) != H264NalType.SPS) {
            throw new IllegalArgumentException("Not an H.264 SPS NAL unit");
        }
        BitReader r = new BitReader(nal, offset + 1, length - 1);
        int profileIdc = r.readBits(8);
        int constraintFlags = r.readBits(8);
        int levelIdc = r.readBits(8);
        int spsId = r.readUE();
        int chromaFormatIdc = 1;
        boolean separateColourPlanes = false;
        if (isHighProfile(profileIdc)) {
            chromaFormatIdc = r.readUE();
            if (chromaFormatIdc == 3) {
                separateColourPlanes = r.readFlag();
            }
            r.readUE(); // bit_depth_luma_minus8
            r.readUE(); // bit_depth_chroma_minus8
            r.skipBits(1); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) {
                int lists = chromaFormatIdc == 3 ? 12 : 8;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.readUE(); // log2_max_frame_num_minus4
        int picOrderCntType = r.readUE();
        if (picOrderCntType == 0) {
            r.readUE(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (picOrderCntType == 1) {
            r.skipBits(1);
            r.readSE();
            r.readSE();
            int cycle = r.readUE();
            for (int i = 0; i < cycle; i++) {
                r.readSE();
            }
        }
        r.readUE(); // max_num_ref_frames
        r.skipBits(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.readUE() + 1;
        int heightMapUnits = r.readUE() + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.skipBits(1); // mb_adaptive_frame_field_flag
        }
        r.skipBits(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (2 - (frameMbsOnly ? 1 : 0)) * heightMapUnits * 16;
        if (r.readFlag()) {
            int cropLeft = r.readUE();
            int cropRight = r.readUE();
            int cropTop = r.readUE();
            int cropBottom = r.readUE();
            int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
            int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            int cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            width -= (cropLeft + cropRight) * cropUnitX;
            height -= (cropTop + cropBottom) * cropUnitY;
        }
        double frameRate = 0;
        if (r.readFlag()) {
            frameRate = parseVuiFrameRate(r);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("SPS gives an empty picture: " + width + "x" + height);
        }
        return new H264Sps(profileIdc, constraintFlags, levelIdc, spsId, width, height, frameRate);
    }

    private static boolean isHighProfile(int profileIdc) {
        switch (profileIdc) {
            case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118: case 128: case 138: case 139:
            case 134: case 135:
                return true;
            default:
                return false;
        }
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.readSE() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** Reads the VUI up to its timing info; 0 when the stream gives no fixed rate. */
    private static double parseVuiFrameRate(BitReader r) {
        if (r.readFlag()) { // aspect_ratio_info_present_flag
            if (r.readBits(8) == 255) { // Extended_SAR
                r.skipBits(32);
            }
        }
        if (r.readFlag()) { // overscan_info_present_flag
            r.skipBits(1);
        }
        if (r.readFlag()) { // video_signal_type_present_flag
            r.skipBits(4);
            if (r.readFlag()) {
                r.skipBits(24);
            }
        }
        if (r.readFlag()) { // chroma_loc_info_present_flag
            r.readUE();
            r.readUE();
        }
        if (!r.readFlag()) { // timing_info_present_flag
            return 0;
        }
        long unitsInTick = Integer.toUnsignedLong(r.readBits(32));
        long timeScale = Integer.toUnsignedLong(r.readBits(32));
        return unitsInTick == 0 ? 0 : timeScale / (2.0 * unitsInTick);
    }

    public int profileIdc() {
        return profileIdc;
    }

    /** constraint_set0..5 flags and the reserved bits, as the byte between profile and level. */
    public int constraintFlags() {
        return constraintFlags;
    }

    public int levelIdc() {
        return levelIdc;
    }

    public int spsId() {
        return spsId;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Frames per second from the VUI timing info, 0 when absent. */
    public double frameRate() {
        return frameRate;
    }

    /** profile-level-id of RFC 6184 8.1: profile, constraint flags and level as six hex digits. */
    public String profileLevelId() {
        return String.format("%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }

    @Override
    public String toString() {
        return "H264Sps[profile=" + profileIdc + " level=" + levelIdc + " " + width + "x" + height
               + (frameRate > 0 ? " " + frameRate + "fps" : "") + "]";
    }
}
