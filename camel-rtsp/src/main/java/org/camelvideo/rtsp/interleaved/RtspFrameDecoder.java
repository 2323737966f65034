package org.camelvideo.rtsp.interleaved;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the byte stream of an RTSP connection into {@link InterleavedFrame}s and whole RTSP
 * messages (one buffer each, headers and body). A message is only handed on complete, so the
 * RTSP decoder behind never sees the {@code $} frames that follow it in the same read.
 * <p>
 * Garbage cannot be resynchronised on: once a header block is too long or a Content-Length is
 * unusable, the decoder fails once and discards the rest of the connection's input.
 */
public final class RtspFrameDecoder extends ByteToMessageDecoder {

    private static final String CONTENT_LENGTH = "content-length:";

    private final int maxHeaderSize;
    private final int maxContentLength;
    private boolean failed;

    public RtspFrameDecoder(int maxHeaderSize, int maxContentLength) {
        this.maxHeaderSize = maxHeaderSize;
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            int start = in.readerIndex();
            byte first = in.getByte(start);
            if (first == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int length = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                int channel = in.getUnsignedByte(start + 1);
                in.skipBytes(4);
                out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
            } else if (first == '\r' || first == '\n') {
                in.skipBytes(1);
            } else if (!readMessage(in, out)) {
                return;
            }
        }
    }

    private boolean readMessage(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + maxHeaderSize);
        int headerEnd = -1;
        int contentLength = 0;
        int lineStart = start;
        // Whole lines at a time: one buffer access per line, not per byte.
        for (int nl; (nl = in.indexOf(lineStart, limit, (byte) '\n')) >= 0; lineStart = nl + 1) {
            int lineLength = nl - lineStart;
            if (lineLength == 0 || lineLength == 1 && in.getByte(lineStart) == '\r') {
                headerEnd = nl + 1;
                break;
            }
            if (lineLength > CONTENT_LENGTH.length() && (in.getByte(lineStart) | 0x20) == 'c') {
                String line = in.toString(lineStart, lineLength, StandardCharsets.US_ASCII);
                if (line.regionMatches(true, 0, CONTENT_LENGTH, 0, CONTENT_LENGTH.length())) {
                    contentLength = parseLength(line.substring(CONTENT_LENGTH.length()).trim());
                }
            }
        }
        if (headerEnd < 0) {
            if (end - start >= maxHeaderSize) {
                fail(new TooLongFrameException("RTSP header block longer than " + maxHeaderSize + " bytes"));
            }
            return false;
        }
        if (end - headerEnd < contentLength) {
            return false;
        }
        out.add(in.readRetainedSlice(headerEnd - start + contentLength));
        return true;
    }

    private int parseLength(String value) {
        if (value.isEmpty()) {
            fail(new CorruptedFrameException("Content-Length has no value"));
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                fail(new CorruptedFrameException("Content-Length is not a number: " + value));
            }
            length = length * 10 + (c - '0');
            if (length > maxContentLength) {
                fail(new TooLongFrameException("RTSP message body longer than " + maxContentLength + " bytes"));
            }
        }
        return (int) length;
    }

    private void fail(RuntimeException e) {
        failed = true;
        throw e;
    }
}
