package org.camelvideo.mjpeg.jpeg;

/** Just enough of the JPEG file structure (ITU T.81 Annex B) to recognise a picture and read its size. */
public final class Jpeg {

    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;

    private Jpeg() {
    }

    /** Whether {@code data} starts with the SOI marker. */
    public static boolean startsWithSoi(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == SOI;
    }

    static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /**
     * The picture size from the first start-of-frame segment.
     *
     * @return {@code {width, height}}, or null when the data has no readable SOF
     */
    public static int[] size(byte[] data) {
        if (!startsWithSoi(data)) {
            return null;
        }
        int i = 2;
        while (i + 4 <= data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (isStandalone(marker)) {
                i += 2;
                continue;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            if (isStartOfFrame(marker)) {
                if (i + 9 > data.length) {
                    return null;
                }
                int height = ((data[i + 5] & 0xFF) << 8) | (data[i + 6] & 0xFF);
                int width = ((data[i + 7] & 0xFF) << 8) | (data[i + 8] & 0xFF);
                return new int[] { width, height };
            }
            if (marker == SOS || length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static boolean isStartOfFrame(int marker) {
        // C0-CF are SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC)
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
