package org.camelvideo.mjpeg.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.camelvideo.media.jpeg.JpegSoi;
import org.camelvideo.mjpeg.jpeg.Jpeg;
import org.camelvideo.mjpeg.jpeg.JpegEndFinder;

/**
 * Reads the body of a {@code multipart/x-mixed-replace} response into {@link JpegPart}s. It is
 * lenient in what cameras really send: delimiters with or without the leading {@code --}, a
 * boundary learnt from the stream when the Content-Type has none, parts with or without
 * Content-Length (then the picture is delimited by its own markers), a JPEG straight after the
 * delimiter without headers. Whatever it cannot use (an oversized part, a part that is no JPEG,
 * junk between parts) is skipped up to the next delimiter and reported to {@code drops}; no input
 * makes it throw, and memory stays bounded by the largest part allowed.
 */
public final class MultipartJpegDecoder extends ByteToMessageDecoder {

    private static final int MAX_LINE = 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int NO_LINE = -1;
    private static final int LINE_TOO_LONG = -2;

    private enum State {
        DELIMITER, HEADERS, BODY, SCAN, SKIP
    }

    private final int maxPartSize;
    private final Consumer<String> drops;
    private final byte[] line = new byte[MAX_LINE];
    private final JpegEndFinder endFinder = new JpegEndFinder();
    private Boundary boundary;
    private State state = State.DELIMITER;
    private int headerBytes;
    private String contentType;
    private long contentLength;
    private long timestampMicros;
    private long skip;

    /**
     * @param boundary    the boundary from the response's Content-Type, or null to learn it from
     *                    the first delimiter
     * @param maxPartSize the largest part kept; larger ones are dropped
     * @param drops       told the reason of each dropped part
     */
    public MultipartJpegDecoder(Boundary boundary, int maxPartSize, Consumer<String> drops) {
        this.boundary = boundary;
        this.maxPartSize = maxPartSize;
        this.drops = drops;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case DELIMITER:
                    if (!readDelimiter(in)) {
                        return;
                    }
                    break;
                case HEADERS:
                    if (!readHeader(in)) {
                        return;
                    }
                    break;
                case BODY:
                    if (in.readableBytes() < contentLength) {
                        return;
                    }
                    emit(in, (int) contentLength, out);
                    break;
                case SCAN:
                    if (!scan(in, out)) {
                        return;
                    }
                    break;
                default:
                    int n = (int) Math.min(skip, in.readableBytes());
                    in.skipBytes(n);
                    skip -= n;
                    if (skip > 0) {
                        return;
                    }
                    state = State.DELIMITER;
            }
        }
    }

    private boolean readDelimiter(ByteBuf in) {
        int length = readLine(in);
        if (length == NO_LINE) {
            return false;
        }
        if (length == LINE_TOO_LONG) {
            return true;
        }
        if (boundary == null) {
            boundary = Boundary.learn(line, length);
        }
        if (boundary != null && boundary.isDelimiter(line, length)) {
            startPart();
        }
        return true;
    }

    private void startPart() {
        state = State.HEADERS;
        headerBytes = 0;
        contentType = null;
        contentLength = -1;
        timestampMicros = -1;
    }

    private boolean readHeader(ByteBuf in) {
        if (in.readableBytes() >= 2 && in.getUnsignedByte(in.readerIndex()) == 0xFF
                && in.getUnsignedByte(in.readerIndex() + 1) == Jpeg.SOI) {
            // a camera that puts the picture right after the delimiter
            endHeaders();
            return true;
        }
        int length = readLine(in);
        if (length == NO_LINE) {
            return false;
        }
        headerBytes += length + 2;
        if (length == LINE_TOO_LONG || headerBytes > MAX_HEADER_BYTES) {
            drop("part headers too long");
            state = State.DELIMITER;
            return true;
        }
        if (length == 0) {
            endHeaders();
        } else if (boundary.isDelimiter(line, length)) {
            startPart();
        } else {
            header(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    private void header(String header) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Type")) {
            contentType = value;
        } else if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = parseLength(value);
        } else if (name.equalsIgnoreCase("X-Timestamp")) {
            timestampMicros = parseTimestamp(value);
        }
    }

    private void endHeaders() {
        if (contentLength > maxPartSize) {
            drop("part of " + contentLength + " bytes is larger than maxFrameSize " + maxPartSize);
            skip = contentLength;
            state = State.SKIP;
        } else {
            state = contentLength >= 0 ? State.BODY : State.SCAN;
            endFinder.reset();
        }
    }

    private boolean scan(ByteBuf in, List<Object> out) {
        int length = endFinder.find(in, in.readerIndex(), in.writerIndex());
        if (length == JpegEndFinder.INCOMPLETE) {
            if (in.readableBytes() > maxPartSize) {
                drop("part without Content-Length is larger than maxFrameSize " + maxPartSize);
                in.skipBytes(in.readableBytes());
                state = State.DELIMITER;
            }
            return false;
        }
        if (length == JpegEndFinder.MALFORMED) {
            drop("part is not a JPEG");
            state = State.DELIMITER;
            return true;
        }
        if (length > maxPartSize) {
            drop("part of " + length + " bytes is larger than maxFrameSize " + maxPartSize);
            in.skipBytes(length);
            state = State.DELIMITER;
            return true;
        }
        emit(in, length, out);
        return true;
    }

    private void emit(ByteBuf in, int length, List<Object> out) {
        byte[] data = new byte[length];
        in.readBytes(data);
        state = State.DELIMITER;
        if (JpegSoi.startsWith(data)) {
            out.add(new JpegPart(data, contentType == null ? "image/jpeg" : contentType, timestampMicros));
        } else {
            drop("part is not a JPEG");
        }
    }

    /**
     * Reads one line into {@link #line} without its line break and trailing blanks.
     *
     * @return its length, {@link #NO_LINE} when no full line is buffered yet, or
     *         {@link #LINE_TOO_LONG} after skipping a line longer than any delimiter or header
     */
    private int readLine(ByteBuf in) {
        int start = in.readerIndex();
        int searched = Math.min(in.readableBytes(), MAX_LINE + 1);
        int lf = in.indexOf(start, start + searched, (byte) '\n');
        if (lf < 0) {
            if (searched > MAX_LINE) {
                in.skipBytes(searched);
                return LINE_TOO_LONG;
            }
            return NO_LINE;
        }
        int length = lf - start;
        in.readerIndex(lf + 1);
        if (length > MAX_LINE) {
            return LINE_TOO_LONG;
        }
        in.getBytes(start, line, 0, length);
        while (length > 0 && (line[length - 1] == '\r' || line[length - 1] == ' ' || line[length - 1] == '\t')) {
            length--;
        }
        return length;
    }

    private void drop(String reason) {
        drops.accept(reason);
    }

    private static long parseLength(String value) {
        try {
            long n = Long.parseLong(value);
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** X-Timestamp as cameras and mjpg-streamer write it: seconds with an optional fraction. */
    private static long parseTimestamp(String value) {
        try {
            return Math.round(Double.parseDouble(value) * 1_000_000d);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
