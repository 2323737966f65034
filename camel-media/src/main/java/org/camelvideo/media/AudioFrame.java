package org.camelvideo.media;

import java.util.Objects;

/**
 * A run of interleaved PCM samples. Immutable once published, like {@link VideoFrame}: the
 * array from {@link #data()} is shared, not copied, and must not be written.
 */
public final class AudioFrame {

    private final int sampleRate;
    private final int channels;
    private final SampleFormat format;
    private final byte[] data;
    private final long ptsMicros;

    public AudioFrame(int sampleRate, int channels, SampleFormat format, byte[] data, long ptsMicros) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("Sample rate and channels must be positive, got " + sampleRate + " Hz, "
                                               + channels + " channels");
        }
        this.format = Objects.requireNonNull(format, "format");
        if (data.length % (channels * format.bytesPerSample()) != 0) {
            throw new IllegalArgumentException(
                    data.length + " bytes is not a whole number of " + channels + "-channel " + format + " samples");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.data = data;
        this.ptsMicros = ptsMicros;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public SampleFormat format() {
        return format;
    }

    public byte[] data() {
        return data;
    }

    /** Samples per channel. */
    public int samples() {
        return data.length / (channels * format.bytesPerSample());
    }

    public long ptsMicros() {
        return ptsMicros;
    }

    public long durationMicros() {
        return samples() * 1_000_000L / sampleRate;
    }

    @Override
    public String toString() {
        return "AudioFrame[" + samples() + " samples " + sampleRate + "Hz x" + channels + " " + format + " pts="
               + ptsMicros + "us]";
    }
}
