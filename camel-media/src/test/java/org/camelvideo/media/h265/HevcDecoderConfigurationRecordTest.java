package org.camelvideo.media.h265;

import java.util.Arrays;
import java.util.HexFormat;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HevcDecoderConfigurationRecordTest {

    private static CodecConfig x265() {
        return H265AccessUnit.parameterSets(TestStreams.h265AccessUnits("x265-640x360.h265").get(0));
    }

    @Test
    void theFixedPartMatchesWhatFfmpegWritesForTheSameKindOfStream() {
        byte[] record = HevcDecoderConfigurationRecord.of(x265()).encode();
        // From FFmpeg 8.0's hvcC for libx265 Main profile 8-bit 4:2:0, one temporal layer: version 1,
        // the SPS's profile/tier/level (Main, level read from the SPS), then f000 fc fd f8 f8 0000 0f.
        assertThat(record[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(record, 1, 3)).containsExactly(0x01, 0x60);
        assertThat(HexFormat.of().formatHex(record, 13, 22)).isEqualTo("f000fcfdf8f800000f");
        assertThat(record[22]).as("three arrays").isEqualTo((byte) 3);
        assertThat(record[23] & 0xff).as("complete array of VPS").isEqualTo(0x80 | H265NalType.VPS);
    }

    @Test
    void parsesBackToTheSameParameterSets() {
        CodecConfig config = x265();
        byte[] record = HevcDecoderConfigurationRecord.of(config).encode();
        HevcDecoderConfigurationRecord parsed = HevcDecoderConfigurationRecord.parse(record, 0, record.length);
        assertThat(parsed.lengthSize()).isEqualTo(4);
        assertThat(parsed.toCodecConfig()).isEqualTo(config);
        assertThat(parsed.toCodecConfig().width()).isEqualTo(640);
    }

    @Test
    void truncatedAndIncompleteRecordsAreRejected() {
        byte[] record = HevcDecoderConfigurationRecord.of(x265()).encode();
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(record, 0, record.length - 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] noArrays = Arrays.copyOf(record, 23);
        noArrays[22] = 0;
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(noArrays, 0, noArrays.length))
                .hasMessageContaining("lacks a VPS, an SPS or a PPS");
    }
}
