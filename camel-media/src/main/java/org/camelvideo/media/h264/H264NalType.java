package org.camelvideo.media.h264;

/** H.264 NAL unit types used by this project (ITU-T H.264 table 7-1, RFC 6184 5.4). */
public final class H264NalType {

    public static final int NON_IDR_SLICE = 1;
    public static final int IDR_SLICE = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int ACCESS_UNIT_DELIMITER = 9;
    /** RFC 6184 aggregation packet. */
    public static final int STAP_A = 24;
    /** RFC 6184 fragmentation unit. */
    public static final int FU_A = 28;

    private H264NalType() {
    }

    /** The type of the NAL unit whose first byte is {@code header}. */
    public static int of(byte header) {
        return header & 0x1f;
    }

    /** Whether the type is a coded slice (IDR or not). */
    public static boolean isSlice(int type) {
        return type >= NON_IDR_SLICE && type <= IDR_SLICE;
    }
}
