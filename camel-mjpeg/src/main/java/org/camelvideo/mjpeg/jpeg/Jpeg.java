package org.camelvideo.mjpeg.jpeg;

import io.netty.buffer.Unpooled;

/** Just enough of the JPEG file structure (ITU T.81 Annex B) to recognise a picture and read its size. */
public final class Jpeg {

    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;

    private Jpeg() {
    }

    /** Markers without a length field: TEM and the restart markers. */
    static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** SOF0-SOF15, which are C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
    static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * The picture size from its start-of-frame segment.
     *
     * @return {@code {width, height}}, or null when the data is no complete JPEG with a SOF
     */
    public static int[] size(byte[] data) {
        JpegEndFinder finder = new JpegEndFinder();
        int length = finder.find(Unpooled.wrappedBuffer(data), 0, data.length);
        return length > 0 && finder.width() > 0 ? new int[] { finder.width(), finder.height() } : null;
    }
}
