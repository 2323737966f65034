package org.camelvideo.media;

/** Encodings a {@link MediaPacket} can carry. */
public enum Codec {
    H264(true),
    H265(true),
    JPEG(true),
    AAC(false),
    OPUS(false),
    PCMA(false),
    PCMU(false);

    private final boolean video;

    Codec(boolean video) {
        this.video = video;
    }

    public boolean isVideo() {
        return video;
    }
}
