package org.camelvideo.media.h265;

import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On four pictures from libx265 (ultrafast, zerolatency, access unit delimiters): an IDR, then P pictures. */
class H265AccessUnitTest {

    private static List<byte[]> accessUnits() {
        return TestStreams.h265AccessUnits("x265-640x360.h265");
    }

    @Test
    void theFirstAccessUnitIsAnIrapPictureWithItsParameterSets() throws Exception {
        List<byte[]> units = accessUnits();
        assertThat(units).hasSize(4);
        assertThat(H265AccessUnit.isKeyframe(units.get(0))).isTrue();
        CodecConfig config = H265AccessUnit.parameterSets(units.get(0));
        assertThat(config.codec()).isEqualTo(Codec.H265);
        assertThat(config.width()).isEqualTo(640);
        assertThat(config.height()).isEqualTo(360);
        assertThat(H265NalType.of(config.vps()[0])).isEqualTo(H265NalType.VPS);
        assertThat(H265NalType.of(config.sps()[0])).isEqualTo(H265NalType.SPS);
        assertThat(H265NalType.of(config.pps()[0])).isEqualTo(H265NalType.PPS);
    }

    @Test
    void laterPicturesAreNeitherKeyframesNorCarryParameterSets() throws Exception {
        for (byte[] unit : accessUnits().subList(1, 4)) {
            assertThat(H265AccessUnit.isKeyframe(unit)).isFalse();
            assertThat(H265AccessUnit.parameterSets(unit)).isNull();
        }
    }

    @Test
    void theSizeOf1080pIsTheCodedSizeLessTheConformanceWindow() throws Exception {
        CodecConfig config = H265AccessUnit.parameterSets(TestStreams.load("x265-1920x1080.h265"));
        assertThat(config.width()).isEqualTo(1920);
        assertThat(config.height()).as("coded as 1088 rows").isEqualTo(1080);
    }

    @Test
    void typesComeFromTheFirstHeaderByte() {
        assertThat(H265NalType.of((byte) 0x40)).isEqualTo(H265NalType.VPS);
        assertThat(H265NalType.of((byte) 0x26)).isEqualTo(19);
        assertThat(H265NalType.isIrap(19)).isTrue();
        assertThat(H265NalType.isIrap(1)).isFalse();
        assertThat(H265NalType.of((byte) 0x62)).isEqualTo(H265NalType.FU);
    }
}
