package org.camelvideo.mjpeg.multipart;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes the parts of the {@code multipart/x-mixed-replace} stream the server sends. A part is
 * built once per frame and the same bytes go to every viewer, so everything a part needs
 * (delimiter, headers, picture, line break) is in one buffer.
 */
public final class PartWriter {

    public static final String BOUNDARY = "mjpegframe";
    public static final String CONTENT_TYPE = "multipart/x-mixed-replace;boundary=" + BOUNDARY;

    private PartWriter() {
    }

    /**
     * A direct buffer holding one part: delimiter, Content-Type, Content-Length, X-Timestamp (in
     * seconds, as mjpg-streamer writes it), a blank line, the picture and a line break. The
     * picture starts at {@link #jpegOffset(ByteBuf, int)}.
     */
    public static ByteBuf part(ByteBufAllocator alloc, byte[] jpeg, long timestampMicros) {
        String head = "--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                + "\r\nX-Timestamp: " + formatTimestamp(timestampMicros) + "\r\n\r\n";
        ByteBuf buf = alloc.directBuffer(head.length() + jpeg.length + 2);
        buf.writeCharSequence(head, StandardCharsets.US_ASCII);
        buf.writeBytes(jpeg);
        buf.writeByte('\r').writeByte('\n');
        return buf;
    }

    /** Where the picture of a part made by {@link #part} starts. */
    public static int jpegOffset(ByteBuf part, int jpegLength) {
        return part.writerIndex() - 2 - jpegLength;
    }

    static String formatTimestamp(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        return seconds + "." + String.format("%06d", fraction);
    }
}
