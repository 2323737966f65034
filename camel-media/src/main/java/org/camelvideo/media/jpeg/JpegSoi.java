package org.camelvideo.media.jpeg;

/**
 * The marker every JPEG picture starts with (SOI, FF D8: ITU T.81 B.2.1). Enough to tell a
 * picture from other bytes: H.264 in Annex-B starts with zeros, text and containers otherwise.
 */
public final class JpegSoi {

    private JpegSoi() {
    }

    /** Whether {@code data} starts with the SOI marker. */
    public static boolean startsWith(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
    }
}
