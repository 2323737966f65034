package org.camelvideo.rtmp.peers;

import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe programs bytedeco ships (FFmpeg 8): the peer for Enhanced RTMP
 * (H.265 in FLV), which Debian's FFmpeg 5.1 and nginx-rtmp 1.22 do not speak.
 */
public final class BytedecoFfmpeg {

    private BytedecoFfmpeg() {
    }

    public static String ffmpeg() {
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    public static String ffprobe() {
        return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }
}
