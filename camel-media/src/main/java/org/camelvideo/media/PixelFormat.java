package org.camelvideo.media;

/**
 * Raw picture layouts a {@link VideoFrame} can carry. Each knows its planes so that frame
 * buffers can be sized and sliced without native code.
 */
public enum PixelFormat {
    /** Planar Y, then U, then V at quarter resolution (yuv420p). */
    I420(3),
    /** Planar Y, then interleaved UV at quarter resolution. */
    NV12(2),
    /** Planar Y, then interleaved VU at quarter resolution (Android cameras). */
    NV21(2),
    /** Packed 8-bit blue, green, red. */
    BGR24(1),
    /** 8-bit luma only. */
    GRAY8(1);

    private final int planes;

    PixelFormat(int planes) {
        this.planes = planes;
    }

    public int planes() {
        return planes;
    }

    /** Bytes per row of plane {@code plane} for a tightly packed picture {@code width} wide. */
    public int stride(int plane, int width) {
        checkPlane(plane);
        switch (this) {
            case I420:
                return plane == 0 ? width : (width + 1) / 2;
            case NV12:
            case NV21:
                return plane == 0 ? width : 2 * ((width + 1) / 2);
            case BGR24:
                return 3 * width;
            default:
                return width;
        }
    }

    /** Rows in plane {@code plane} of a picture {@code height} high. */
    public int rows(int plane, int height) {
        checkPlane(plane);
        return plane == 0 ? height : (height + 1) / 2;
    }

    /** Bytes of a tightly packed picture of this format. */
    public int frameSize(int width, int height) {
        int size = 0;
        for (int p = 0; p < planes; p++) {
            size += stride(p, width) * rows(p, height);
        }
        return size;
    }

    private void checkPlane(int plane) {
        if (plane < 0 || plane >= planes) {
            throw new IllegalArgumentException(this + " has no plane " + plane);
        }
    }
}
