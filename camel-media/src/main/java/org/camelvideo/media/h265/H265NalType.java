package org.camelvideo.media.h265;

/** NAL unit types of ITU-T H.265 table 7-1, and the RTP packet types of RFC 7798. */
public final class H265NalType {

    /** The first and last intra random access point (IRAP) types: BLA, IDR, CRA, and two reserved. */
    public static final int IRAP_FIRST = 16;
    public static final int IRAP_LAST = 23;
    public static final int VPS = 32;
    public static final int SPS = 33;
    public static final int PPS = 34;
    public static final int ACCESS_UNIT_DELIMITER = 35;
    /** RFC 7798 aggregation packet. */
    public static final int AP = 48;
    /** RFC 7798 fragmentation unit. */
    public static final int FU = 49;
    /** RFC 7798 payload content information, which carries no NAL unit of the stream. */
    public static final int PACI = 50;

    private H265NalType() {
    }

    /** The type in the first byte of a two-byte NAL unit header. */
    public static int of(byte firstHeaderByte) {
        return (firstHeaderByte >> 1) & 0x3f;
    }

    /** Whether a picture of this type can be decoded without the ones before it. */
    public static boolean isIrap(int type) {
        return type >= IRAP_FIRST && type <= IRAP_LAST;
    }
}
