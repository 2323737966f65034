package org.camelvideo.mjpeg.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.camelvideo.mjpeg.jpeg.Jpeg;
import org.camelvideo.mjpeg.multipart.PartWriter;

/**
 * One published picture: its multipart part, written once and shared by all viewers (each gets
 * a retained duplicate), and its size read from the JPEG header for the stats.
 */
final class Frame {

    private final ByteBuf part;
    private final int jpegLength;
    private final int width;
    private final int height;
    private final long sequence;

    private Frame(ByteBuf part, int jpegLength, int width, int height, long sequence) {
        this.part = part;
        this.jpegLength = jpegLength;
        this.width = width;
        this.height = height;
        this.sequence = sequence;
    }

    static Frame of(ByteBufAllocator alloc, byte[] jpeg, long timestampMicros, long sequence) {
        int[] size = Jpeg.size(jpeg);
        return new Frame(PartWriter.part(alloc, jpeg, timestampMicros), jpeg.length,
                size == null ? 0 : size[0], size == null ? 0 : size[1], sequence);
    }

    /** The whole part for one more viewer. */
    ByteBuf retainedPart() {
        return part.retainedDuplicate();
    }

    /** The picture alone, for a snapshot. */
    ByteBuf retainedJpeg() {
        return part.retainedSlice(PartWriter.jpegOffset(part, jpegLength), jpegLength);
    }

    /** Increases with each published frame, so that a viewer never sends one twice or out of order. */
    long sequence() {
        return sequence;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Frame retain() {
        part.retain();
        return this;
    }

    void release() {
        part.release();
    }
}
