package org.camelvideo.camera.source;

import org.camelvideo.media.PixelFormat;

/**
 * What a source is asked to deliver.
 *
 * @param width           picture width, 0 for the source's own
 * @param height          picture height, 0 for the source's own
 * @param fps             frame rate of testsrc and the rate asked of devices
 * @param pixelFormat     layout of the delivered frames
 * @param loop            restart a file at its end
 * @param realtime        pace files and testsrc to their timestamps
 * @param audio           deliver audio frames too
 * @param audioSampleRate rate of testsrc and device audio
 * @param audioChannels   channels of testsrc and device audio
 * @param inputFormat     FFmpeg demuxer to force, or null
 * @param inputOptions    FFmpeg demuxer options as {@code key=value} pairs separated by commas, or null
 * @param readTimeoutMillis how long a network source may send nothing before it is given up
 */
public record SourceSettings(
        int width, int height, int fps, PixelFormat pixelFormat, boolean loop, boolean realtime, boolean audio,
        int audioSampleRate, int audioChannels, String inputFormat, String inputOptions, long readTimeoutMillis) {

    /** Settings no source takes fail the route as it starts. */
    public SourceSettings {
        require(width >= 0 && height >= 0, "width and height must be 0 (the source's own) or more, got " + width + "x" + height);
        require(audioSampleRate > 0, "audioSampleRate must be positive, got " + audioSampleRate);
        require(audioChannels >= 1 && audioChannels <= 8, "audioChannels must be 1 to 8, got " + audioChannels);
        require(readTimeoutMillis > 0, "readTimeout must be a positive number of milliseconds, got " + readTimeoutMillis);
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("camera: " + problem);
        }
    }

    /** The same, without audio: for the video source when audio comes from a separate device. */
    public SourceSettings withoutAudio() {
        return new SourceSettings(width, height, fps, pixelFormat, loop, realtime, false, audioSampleRate, audioChannels,
                                  inputFormat, inputOptions, readTimeoutMillis);
    }
}
