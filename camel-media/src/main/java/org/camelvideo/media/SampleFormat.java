package org.camelvideo.media;

/** PCM sample layouts an {@link AudioFrame} can carry; channels are always interleaved. */
public enum SampleFormat {
    /** Signed 16-bit little-endian. */
    S16(2),
    /** 32-bit IEEE float little-endian. */
    F32(4);

    private final int bytesPerSample;

    SampleFormat(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }
}
