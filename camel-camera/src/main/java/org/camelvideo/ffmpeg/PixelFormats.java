package org.camelvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV21;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import org.camelvideo.media.PixelFormat;

/** The FFmpeg AVPixelFormat of each {@link PixelFormat}. */
public final class PixelFormats {

    private PixelFormats() {
    }

    public static int toAv(PixelFormat format) {
        switch (format) {
            case I420:
                return AV_PIX_FMT_YUV420P;
            case NV12:
                return AV_PIX_FMT_NV12;
            case NV21:
                return AV_PIX_FMT_NV21;
            case BGR24:
                return AV_PIX_FMT_BGR24;
            case GRAY8:
                return AV_PIX_FMT_GRAY8;
            default:
                throw new IllegalArgumentException("No FFmpeg pixel format for " + format);
        }
    }
}
