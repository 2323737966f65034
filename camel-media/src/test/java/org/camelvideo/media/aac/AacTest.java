package org.camelvideo.media.aac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

class AacTest {

    @Test
    void audioSpecificConfigForLc44100StereoIs1210() {
        AudioSpecificConfig asc = AudioSpecificConfig.of(AudioSpecificConfig.AAC_LC, 44100, 2);
        assertThat(asc.encode()).containsExactly(0x12, 0x10);
        AudioSpecificConfig back = AudioSpecificConfig.parse(new byte[] { 0x12, 0x10 });
        assertThat(back.sampleRate()).isEqualTo(44100);
        assertThat(back.channels()).isEqualTo(2);
        assertThat(CodecConfig.aac(asc.encode()).sampleRate()).isEqualTo(44100);
    }

    @Test
    void explicitRateIsRead() {
        // object type 2, index 15, 24-bit rate 44100, channels 1.
        long bits = (2L << 35) | (15L << 31) | (44100L << 7) | (1L << 3);
        byte[] asc = new byte[5];
        for (int i = 0; i < 5; i++) {
            asc[i] = (byte) (bits >>> (32 - 8 * i));
        }
        AudioSpecificConfig parsed = AudioSpecificConfig.parse(asc);
        assertThat(parsed.sampleRate()).isEqualTo(44100);
        assertThat(parsed.channels()).isEqualTo(1);
    }

    @Test
    void readsEveryAdtsFrameOfRealFfmpegOutput() {
        byte[] file = TestStreams.load("aac-lc-44100-stereo.adts");
        int pos = 0;
        int frames = 0;
        while (pos < file.length) {
            Adts adts = Adts.parse(file, pos, file.length - pos);
            assertThat(adts.config().objectType()).isEqualTo(AudioSpecificConfig.AAC_LC);
            assertThat(adts.config().sampleRate()).isEqualTo(44100);
            assertThat(adts.config().channels()).isEqualTo(2);
            byte[] header = Adts.header(adts.config(), adts.payloadLength());
            assertThat(header).containsExactly(Arrays.copyOfRange(file, pos, pos + Adts.HEADER_LENGTH));
            pos += adts.frameLength();
            frames++;
        }
        assertThat(pos).isEqualTo(file.length);
        // 0.1 s at 44.1 kHz is 4.3 frames of 1024 samples, plus the encoder's priming frame.
        assertThat(frames).isBetween(5, 7);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Adts.parse(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, 0, 7)).hasMessageContaining("syncword");
        assertThatThrownBy(() -> AudioSpecificConfig.of(2, 44000, 2)).hasMessageContaining("44000 Hz");
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[] { 0x12 })).hasMessageContaining("2 bytes");
    }
}
