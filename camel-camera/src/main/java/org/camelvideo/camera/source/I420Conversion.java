package org.camelvideo.camera.source;

import org.camelvideo.media.PixelFormat;

/**
 * Converts the test pattern's I420 to the other layouts in pure Java, so that testsrc needs no
 * native code whatever format a route asks for.
 */
final class I420Conversion {

    private I420Conversion() {
    }

    static byte[] convert(byte[] i420, int width, int height, PixelFormat to) {
        switch (to) {
            case I420:
                return i420;
            case GRAY8:
                return java.util.Arrays.copyOf(i420, width * height);
            case NV12:
                return semiPlanar(i420, width, height, false);
            case NV21:
                return semiPlanar(i420, width, height, true);
            case BGR24:
                return bgr(i420, width, height);
            default:
                throw new IllegalArgumentException("Cannot convert I420 to " + to);
        }
    }

    private static byte[] semiPlanar(byte[] i420, int width, int height, boolean vFirst) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        int ySize = width * height;
        byte[] out = new byte[PixelFormat.NV12.frameSize(width, height)];
        System.arraycopy(i420, 0, out, 0, ySize);
        int u = ySize;
        int v = ySize + cw * ch;
        int first = vFirst ? v : u;
        int second = vFirst ? u : v;
        for (int i = 0, o = ySize; i < cw * ch; i++) {
            out[o++] = i420[first + i];
            out[o++] = i420[second + i];
        }
        return out;
    }

    private static byte[] bgr(byte[] i420, int width, int height) {
        int cw = (width + 1) / 2;
        int uBase = width * height;
        int vBase = uBase + cw * ((height + 1) / 2);
        byte[] out = new byte[3 * width * height];
        for (int y = 0, o = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = 298 * ((i420[y * width + x] & 0xff) - 16);
                int ci = (y / 2) * cw + x / 2;
                int d = (i420[uBase + ci] & 0xff) - 128;
                int e = (i420[vBase + ci] & 0xff) - 128;
                out[o++] = clamp((c + 516 * d + 128) >> 8);
                out[o++] = clamp((c - 100 * d - 208 * e + 128) >> 8);
                out[o++] = clamp((c + 409 * e + 128) >> 8);
            }
        }
        return out;
    }

    private static byte clamp(int v) {
        return (byte) Math.max(0, Math.min(255, v));
    }
}
