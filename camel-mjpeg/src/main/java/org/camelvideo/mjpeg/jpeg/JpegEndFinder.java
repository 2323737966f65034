package org.camelvideo.mjpeg.jpeg;

import io.netty.buffer.ByteBuf;

/**
 * Finds where a JPEG picture ends in bytes that arrive a piece at a time, for multipart parts
 * that carry no Content-Length, and reads the picture size on the way. Markers are walked segment by segment up to the first scan, so an
 * EOI inside an EXIF thumbnail does not end the picture early; in entropy-coded data a 0xFF byte
 * is followed by 0x00, a restart marker or the header of a further scan, so the first FF D9 there
 * is the end (ITU T.81 B.1.1.5). The search resumes where it stopped, so a large picture that
 * arrives in many small reads is scanned once.
 */
public final class JpegEndFinder {

    /** The picture is not complete yet. */
    public static final int INCOMPLETE = -1;
    /** The bytes are not a JPEG structure. */
    public static final int MALFORMED = -2;

    private int offset;
    private boolean entropyCoded;
    private int width;
    private int height;

    /** Forgets the picture searched so far. */
    public void reset() {
        offset = 0;
        entropyCoded = false;
        width = 0;
        height = 0;
    }

    /** The picture width from its start-of-frame segment, 0 until the search has passed it. */
    public int width() {
        return width;
    }

    /** The picture height, see {@link #width()}. */
    public int height() {
        return height;
    }

    /**
     * @param  buf   the bytes
     * @param  start where the picture starts (its SOI); must stay the same until {@link #reset()}
     * @param  limit how far the bytes go
     * @return       the length of the picture including its EOI, {@link #INCOMPLETE} or {@link #MALFORMED}
     */
    public int find(ByteBuf buf, int start, int limit) {
        if (offset == 0) {
            if (limit - start < 2) {
                return INCOMPLETE;
            }
            if (buf.getUnsignedByte(start) != 0xFF || buf.getUnsignedByte(start + 1) != Jpeg.SOI) {
                return MALFORMED;
            }
            offset = 2;
        }
        return entropyCoded ? scanEntropyCoded(buf, start, limit) : walkSegments(buf, start, limit);
    }

    private int walkSegments(ByteBuf buf, int start, int limit) {
        while (true) {
            int i = start + offset;
            if (limit - i < 2) {
                return INCOMPLETE;
            }
            if (buf.getUnsignedByte(i) != 0xFF) {
                return MALFORMED;
            }
            int marker = buf.getUnsignedByte(i + 1);
            if (marker == 0xFF) {
                // fill bytes may pad any marker
                offset++;
                continue;
            }
            if (marker == Jpeg.EOI) {
                return offset + 2;
            }
            if (Jpeg.isStandalone(marker)) {
                offset += 2;
                continue;
            }
            if (limit - i < 4) {
                return INCOMPLETE;
            }
            int length = buf.getUnsignedShort(i + 2);
            if (length < 2) {
                return MALFORMED;
            }
            if (Jpeg.isStartOfFrame(marker) && length >= 7) {
                if (limit - i < 9) {
                    return INCOMPLETE;
                }
                height = buf.getUnsignedShort(i + 5);
                width = buf.getUnsignedShort(i + 7);
            }
            offset += 2 + length;
            if (marker == Jpeg.SOS) {
                entropyCoded = true;
                return scanEntropyCoded(buf, start, limit);
            }
        }
    }

    private int scanEntropyCoded(ByteBuf buf, int start, int limit) {
        while (start + offset < limit - 1) {
            int ff = buf.indexOf(start + offset, limit - 1, (byte) 0xFF);
            if (ff < 0) {
                offset = limit - 1 - start;
                return INCOMPLETE;
            }
            if (buf.getUnsignedByte(ff + 1) == Jpeg.EOI) {
                return ff + 2 - start;
            }
            offset = ff + 1 - start;
        }
        return INCOMPLETE;
    }
}
