package org.camelvideo.h264.encode;

/**
 * How to encode video.
 *
 * @param encoder FFmpeg encoder name, or {@code auto} for the best software encoder in the build
 * @param bitrate target bits per second
 * @param gop     frames from one keyframe to the next
 * @param fps     nominal frame rate, for rate control
 * @param profile H.264 profile (baseline, main, high), or null for the encoder's choice
 * @param preset  x264/NVENC speed preset
 * @param tune    x264 tuning, zerolatency for live
 * @param threads encoder threads, 0 for automatic
 * @param vaapiDevice render node for h264_vaapi
 */
public record EncoderSettings(
        String encoder, int bitrate, int gop, int fps, String profile, String preset, String tune, int threads,
        String vaapiDevice) {

    /** Settings no encoder takes fail the route's start, not each of its frames. */
    public EncoderSettings {
        if (bitrate <= 0) {
            throw new IllegalArgumentException("h264:encode bitrate must be a positive number of bit/s, got " + bitrate);
        }
        if (gop < 1) {
            throw new IllegalArgumentException("h264:encode gop must be at least 1 frame (1: every frame a keyframe), got " + gop);
        }
        if (fps < 1) {
            throw new IllegalArgumentException("h264:encode fps must be at least 1, got " + fps);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("h264:encode threads must be 0 (automatic) or more, got " + threads);
        }
        if (profile != null && !profile.isEmpty()) {
            H264Encoder.profileId(profile);
        }
    }
}
