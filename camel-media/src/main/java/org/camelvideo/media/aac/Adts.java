package org.camelvideo.media.aac;

/**
 * ADTS framing of AAC (ISO/IEC 13818-7 6.2): a seven-byte header (nine with CRC) in front of
 * each raw frame, as AAC files and MPEG-TS carry it. Packets in this project carry raw frames,
 * so this converts at the edges.
 */
public final class Adts {

    public static final int HEADER_LENGTH = 7;

    private final AudioSpecificConfig config;
    private final int headerLength;
    private final int frameLength;

    private Adts(AudioSpecificConfig config, int headerLength, int frameLength) {
        this.config = config;
        this.headerLength = headerLength;
        this.frameLength = frameLength;
    }

    /**
     * Reads the header at {@code offset}.
     *
     * @throws IllegalArgumentException when there is no ADTS syncword there or the header is short
     */
    public static Adts parse(byte[] data, int offset, int length) {
        if (length < HEADER_LENGTH) {
            throw new IllegalArgumentException("ADTS header needs 7 bytes, got " + length);
        }
        if ((data[offset] & 0xff) != 0xff || (data[offset + 1] & 0xf0) != 0xf0) {
            throw new IllegalArgumentException("No ADTS syncword at byte " + offset);
        }
        boolean protectionAbsent = (data[offset + 1] & 1) == 1;
        int profile = (data[offset + 2] & 0xc0) >>> 6;
        int index = (data[offset + 2] & 0x3c) >>> 2;
        int channels = ((data[offset + 2] & 1) << 2) | ((data[offset + 3] & 0xc0) >>> 6);
        int frameLength = ((data[offset + 3] & 3) << 11) | ((data[offset + 4] & 0xff) << 3) | ((data[offset + 5] & 0xe0) >>> 5);
        int headerLength = protectionAbsent ? HEADER_LENGTH : HEADER_LENGTH + 2;
        if (frameLength < headerLength) {
            throw new IllegalArgumentException("ADTS frame length " + frameLength + " is shorter than its header");
        }
        AudioSpecificConfig config = AudioSpecificConfig.of(profile + 1, AudioSpecificConfig.sampleRateOf(index), channels);
        return new Adts(config, headerLength, frameLength);
    }

    /** The seven-byte header (no CRC) for one raw frame of {@code payloadLength} bytes. */
    public static byte[] header(AudioSpecificConfig config, int payloadLength) {
        int frameLength = payloadLength + HEADER_LENGTH;
        if (frameLength > 0x1fff) {
            throw new IllegalArgumentException("AAC frame of " + payloadLength + " bytes is too long for ADTS");
        }
        int profile = config.objectType() - 1;
        if (profile > 3) {
            throw new IllegalArgumentException("ADTS cannot carry audio object type " + config.objectType());
        }
        return new byte[] {
            (byte) 0xff,
            (byte) 0xf1,
            (byte) ((profile << 6) | (config.sampleRateIndex() << 2) | (config.channels() >>> 2)),
            (byte) (((config.channels() & 3) << 6) | (frameLength >>> 11)),
            (byte) (frameLength >>> 3),
            (byte) (((frameLength & 7) << 5) | 0x1f),
            (byte) 0xfc };
    }

    public AudioSpecificConfig config() {
        return config;
    }

    public int headerLength() {
        return headerLength;
    }

    /** Header and payload together. */
    public int frameLength() {
        return frameLength;
    }

    public int payloadLength() {
        return frameLength - headerLength;
    }
}
