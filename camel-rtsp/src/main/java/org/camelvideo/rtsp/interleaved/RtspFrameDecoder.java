package org.camelvideo.rtsp.interleaved;

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

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
        for (int i = start; i < limit; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int lineLength = i - lineStart;
            if (lineLength == 0 || lineLength == 1 && in.getByte(lineStart) == '\r') {
                headerEnd = i + 1;
                break;
            }
            if (startsWithIgnoreCase(in, lineStart, i, CONTENT_LENGTH)) {
                contentLength = parseLength(in, lineStart + CONTENT_LENGTH.length, i);
            }
            lineStart = i + 1;
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

    private int parseLength(ByteBuf in, int from, int to) {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits = true;
                if (value > maxContentLength) {
                    fail(new TooLongFrameException("RTSP message body longer than " + maxContentLength + " bytes"));
                }
            } else if (b != ' ' && b != '\t' && b != '\r') {
                fail(new CorruptedFrameException("Content-Length is not a number"));
            }
        }
        if (!digits) {
            fail(new CorruptedFrameException("Content-Length has no value"));
        }
        return (int) value;
    }

    private void fail(RuntimeException e) {
        failed = true;
        throw e;
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = in.getByte(from + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
