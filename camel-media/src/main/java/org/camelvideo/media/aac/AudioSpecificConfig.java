package org.camelvideo.media.aac;

/**
 * The two-byte AudioSpecificConfig of ISO/IEC 14496-3 1.6.2.1 for plain AAC: audio object type,
 * sampling frequency and channel configuration. It is what RTMP's AAC sequence header, RFC 3640's
 * {@code config=} and MP4's esds carry.
 */
public final class AudioSpecificConfig {

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350 };

    /** AAC Low Complexity, the profile every player decodes. */
    public static final int AAC_LC = 2;

    private final int objectType;
    private final int sampleRateIndex;
    private final int sampleRate;
    private final int channels;

    private AudioSpecificConfig(int objectType, int sampleRateIndex, int sampleRate, int channels) {
        this.objectType = objectType;
        this.sampleRateIndex = sampleRateIndex;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    public static AudioSpecificConfig of(int objectType, int sampleRate, int channels) {
        if (objectType < 1 || objectType > 30) {
            throw new IllegalArgumentException("Audio object type must be 1-30, got " + objectType);
        }
        if (channels < 1 || channels > 7) {
            throw new IllegalArgumentException("AAC channel configuration must be 1-7, got " + channels);
        }
        return new AudioSpecificConfig(objectType, sampleRateIndex(sampleRate), sampleRate, channels);
    }

    /** Index of {@code rate} in the table of ISO/IEC 14496-3 1.6.3.4; rates outside it are refused. */
    public static int sampleRateIndex(int rate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == rate) {
                return i;
            }
        }
        throw new IllegalArgumentException("AAC has no sampling frequency index for " + rate + " Hz");
    }

    /** The rate of a sampling frequency index. */
    public static int sampleRateOf(int index) {
        if (index < 0 || index >= SAMPLE_RATES.length) {
            throw new IllegalArgumentException("Reserved AAC sampling frequency index " + index);
        }
        return SAMPLE_RATES[index];
    }

    /**
     * @throws IllegalArgumentException when shorter than two bytes or using a reserved field
     */
    public static AudioSpecificConfig parse(byte[] data) {
        if (data.length < 2) {
            throw new IllegalArgumentException("AudioSpecificConfig needs at least 2 bytes, got " + data.length);
        }
        int bits = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        int objectType = bits >>> 11;
        int index = (bits >>> 7) & 0xf;
        int channels = (bits >>> 3) & 0xf;
        if (objectType == 31) {
            throw new IllegalArgumentException("Extended audio object types are not supported");
        }
        int rate;
        if (index == 15) {
            if (data.length < 5) {
                throw new IllegalArgumentException("AudioSpecificConfig with an explicit rate needs 5 bytes");
            }
            rate = (int) ((((bits & 0x7fL) << 24) | ((data[2] & 0xffL) << 16) | ((data[3] & 0xffL) << 8)
                           | (data[4] & 0xffL)) >>> 7);
            channels = (data[4] >>> 3) & 0xf;
        } else {
            rate = sampleRateOf(index);
        }
        return new AudioSpecificConfig(objectType, index, rate, channels);
    }

    public byte[] encode() {
        int bits = (objectType << 11) | (sampleRateIndex << 7) | (channels << 3);
        return new byte[] { (byte) (bits >>> 8), (byte) bits };
    }

    public int objectType() {
        return objectType;
    }

    public int sampleRateIndex() {
        return sampleRateIndex;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    @Override
    public String toString() {
        return "AudioSpecificConfig[type=" + objectType + " " + sampleRate + "Hz x" + channels + "]";
    }
}
