package org.camelvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelvideo.media.VideoFrame;

/**
 * Native copies of {@link VideoFrame}s, made by the thread that hands a frame to a codec running
 * on a thread of its own. A Java frame must be copied into native memory before FFmpeg can read
 * it; made here, that copy overlaps with the codec's work on the frame before, as the ffmpeg
 * program reads its next frame while it encodes. The AVFrames are reused: each is given back once
 * the codec is done with it, and the set grows only to as many as were out at once.
 */
public final class StagedFrames implements AutoCloseable {

    private final ArrayDeque<AVFrame> free = new ArrayDeque<>();
    private final List<AVFrame> all = new ArrayList<>();

    /** An AVFrame holding a copy of {@code frame}, in its pixel format and size; give it back with {@link #release}. */
    public AVFrame stage(VideoFrame frame) {
        Ffmpeg.loadCore();
        AVFrame staged = take();
        try {
            if (FrameScaler.matches(staged, frame)) {
                Ffmpeg.check(av_frame_make_writable(staged), "Making a staging frame writable");
            } else {
                av_frame_unref(staged);
                staged.format(PixelFormats.toAv(frame.format()));
                staged.width(frame.width());
                staged.height(frame.height());
                Ffmpeg.check(av_frame_get_buffer(staged, 32), "Allocating a " + frame.width() + "x" + frame.height() + " frame");
            }
            FrameScaler.copy(staged, frame);
            return staged;
        } catch (RuntimeException e) {
            release(staged);
            throw e;
        }
    }

    private synchronized AVFrame take() {
        AVFrame staged = free.poll();
        if (staged == null) {
            staged = av_frame_alloc();
            all.add(staged);
        }
        return staged;
    }

    public synchronized void release(AVFrame staged) {
        free.push(staged);
    }

    /** Frees every frame; call when none is out any more. */
    @Override
    public synchronized void close() {
        for (AVFrame frame : all) {
            av_frame_free(frame);
        }
        all.clear();
        free.clear();
    }
}
