package org.camelvideo.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One raw picture, tightly packed: the planes of {@link #format()} follow each other in one
 * array with the strides {@link PixelFormat#stride(int, int)} gives.
 * <p>
 * Immutable once published: a multicast hands the same frame to several branches, so nobody
 * may write into the array returned by {@link #data()}. It is returned without a copy because
 * encoders read whole frames at video rate.
 */
public final class VideoFrame {

    private final int width;
    private final int height;
    private final PixelFormat format;
    private final byte[] data;
    private final long ptsMicros;
    private final long sequence;

    public VideoFrame(int width, int height, PixelFormat format, byte[] data, long ptsMicros, long sequence) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Frame size must be positive, got " + width + "x" + height);
        }
        this.format = Objects.requireNonNull(format, "format");
        int expected = format.frameSize(width, height);
        if (data.length != expected) {
            throw new IllegalArgumentException(
                    "A " + width + "x" + height + " " + format + " frame needs " + expected + " bytes, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
        this.ptsMicros = ptsMicros;
        this.sequence = sequence;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    /** The packed planes. Read only: see the class comment. */
    public byte[] data() {
        return data;
    }

    /** Presentation time in microseconds, on the clock of the source. */
    public long ptsMicros() {
        return ptsMicros;
    }

    /** Position of this frame in its source, from 0. */
    public long sequence() {
        return sequence;
    }

    public int stride(int plane) {
        return format.stride(plane, width);
    }

    /** Offset of plane {@code plane} in {@link #data()}. */
    public int planeOffset(int plane) {
        int offset = 0;
        for (int p = 0; p < plane; p++) {
            offset += format.stride(p, width) * format.rows(p, height);
        }
        return offset;
    }

    /** A read-only view of one plane. */
    public ByteBuffer plane(int plane) {
        int offset = planeOffset(plane);
        return ByteBuffer.wrap(data, offset, format.stride(plane, width) * format.rows(plane, height))
                .slice().asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " " + format + " #" + sequence + " pts=" + ptsMicros + "us]";
    }
}
