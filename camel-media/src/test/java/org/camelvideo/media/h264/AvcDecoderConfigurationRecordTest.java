package org.camelvideo.media.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigurationRecordTest {

    @Test
    void encodesTheRecordByteExact() {
        byte[] sps = { 0x67, 0x42, (byte) 0xc0, 0x1e, 0x11 };
        byte[] pps = { 0x68, (byte) 0xce, 0x0f };
        byte[] record = AvcDecoderConfigurationRecord.of(CodecConfig.h264(
                H264AccessUnit.parameterSets(TestStreams.load("x264-baseline-640x480.h264")).sps(), pps)).encode();
        assertThat(record[0]).isEqualTo((byte) 1);
        byte[] small = new AvcDecoderConfigurationRecord(java.util.List.of(sps), java.util.List.of(pps), 4).encode();
        assertThat(small).containsExactly(1, 0x42, 0xc0, 0x1e, 0xff, 0xe1, 0, 5, 0x67, 0x42, 0xc0, 0x1e, 0x11, 1, 0, 3,
                                          0x68, 0xce, 0x0f);
        assertThat(record.length).isGreaterThan(small.length);
    }

    @Test
    void parsesWhatItEncodes() {
        CodecConfig config = H264AccessUnit.parameterSets(TestStreams.load("x264-high-1920x1080.h264"));
        byte[] record = AvcDecoderConfigurationRecord.of(config).encode();
        AvcDecoderConfigurationRecord parsed = AvcDecoderConfigurationRecord.parse(record, 0, record.length);
        assertThat(parsed.lengthSize()).isEqualTo(4);
        assertThat(parsed.toCodecConfig()).isEqualTo(config);
    }

    @Test
    void refusesTruncatedRecords() {
        CodecConfig config = H264AccessUnit.parameterSets(TestStreams.load("x264-high-1920x1080.h264"));
        byte[] record = AvcDecoderConfigurationRecord.of(config).encode();
        for (int len = 0; len < record.length; len++) {
            int n = len;
            assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(record, 0, n))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
