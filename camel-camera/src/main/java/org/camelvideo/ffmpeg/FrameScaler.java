package org.camelvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;

/**
 * Moves pictures between FFmpeg's AVFrames and {@link VideoFrame}s: a plain plane copy when
 * format and size already match, libswscale otherwise. Not thread-safe: one per codec.
 */
public final class FrameScaler implements AutoCloseable {

    private SwsContext sws;
    private BytePointer scratch;
    private final PointerPointer<BytePointer> planes = new PointerPointer<>(4);
    private final IntPointer lines = new IntPointer(4);

    /** A tightly packed copy of {@code src}, converted to {@code format} at {@code width}x{@code height}. */
    public VideoFrame toVideoFrame(AVFrame src, int width, int height, PixelFormat format, long ptsMicros, long sequence) {
        int avFormat = PixelFormats.toAv(format);
        byte[] out = new byte[format.frameSize(width, height)];
        if (src.format() == avFormat && src.width() == width && src.height() == height) {
            for (int p = 0, offset = 0; p < format.planes(); p++) {
                int stride = format.stride(p, width);
                int rows = format.rows(p, height);
                copyPlane(src.data(p), src.linesize(p), out, offset, stride, rows, true);
                offset += stride * rows;
            }
        } else {
            BytePointer buf = scratch(out.length);
            av_image_fill_arrays(planes, lines, buf, avFormat, width, height, 1);
            sws = sws_getCachedContext(sws, src.width(), src.height(), src.format(), width, height, avFormat, SWS_BILINEAR,
                                       null, null, (DoublePointer) null);
            sws_scale(sws, src.data(), src.linesize(), 0, src.height(), planes, lines);
            buf.position(0).get(out, 0, out.length);
        }
        return new VideoFrame(width, height, format, out, ptsMicros, sequence);
    }

    /** Writes {@code frame} into {@code dst}, whose buffers are allocated and writable, scaling as needed. */
    public void fill(AVFrame dst, VideoFrame frame) {
        if (matches(dst, frame)) {
            copy(dst, frame);
            return;
        }
        int avFormat = PixelFormats.toAv(frame.format());
        byte[] data = frame.data();
        BytePointer buf = scratch(data.length);
        buf.position(0).put(data, 0, data.length);
        av_image_fill_arrays(planes, lines, buf, avFormat, frame.width(), frame.height(), 1);
        sws = sws_getCachedContext(sws, frame.width(), frame.height(), avFormat, dst.width(), dst.height(), dst.format(),
                                   SWS_BILINEAR, null, null, (DoublePointer) null);
        sws_scale(sws, planes, lines, 0, frame.height(), dst.data(), dst.linesize());
    }

    /** Whether {@code dst} has the format and size of {@code frame}, so that {@link #copy} fills it. */
    public static boolean matches(AVFrame dst, VideoFrame frame) {
        return dst.format() == PixelFormats.toAv(frame.format()) && dst.width() == frame.width() && dst.height() == frame.height();
    }

    /**
     * Copies {@code frame}'s planes into {@code dst}, which {@link #matches} it and is writable.
     * Keeps no state, so any thread may call it.
     */
    public static void copy(AVFrame dst, VideoFrame frame) {
        PixelFormat format = frame.format();
        byte[] data = frame.data();
        for (int p = 0; p < format.planes(); p++) {
            copyPlane(dst.data(p), dst.linesize(p), data, frame.planeOffset(p), frame.stride(p), format.rows(p, frame.height()), false);
        }
    }

    /** Converts {@code src} into {@code dst}, whose buffers are allocated and writable: a copy when they match, libswscale otherwise. */
    public void convert(AVFrame src, AVFrame dst) {
        if (src.format() == dst.format() && src.width() == dst.width() && src.height() == dst.height()) {
            Ffmpeg.check(av_frame_copy(dst, src), "Copying a frame");
            return;
        }
        sws = sws_getCachedContext(sws, src.width(), src.height(), src.format(), dst.width(), dst.height(), dst.format(),
                                   SWS_BILINEAR, null, null, (DoublePointer) null);
        sws_scale(sws, src.data(), src.linesize(), 0, src.height(), dst.data(), dst.linesize());
    }

    private static void copyPlane(BytePointer plane, int lineSize, byte[] array, int offset, int stride, int rows, boolean out) {
        if (lineSize == stride) {
            if (out) {
                plane.get(array, offset, stride * rows);
            } else {
                plane.put(array, offset, stride * rows);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            plane.position((long) r * lineSize);
            if (out) {
                plane.get(array, offset + r * stride, stride);
            } else {
                plane.put(array, offset + r * stride, stride);
            }
        }
    }

    private BytePointer scratch(int size) {
        if (scratch == null || scratch.capacity() < size) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = new BytePointer(size);
        }
        return scratch;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
        planes.close();
        lines.close();
    }
}
