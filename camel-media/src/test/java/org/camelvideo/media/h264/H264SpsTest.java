package org.camelvideo.media.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

class H264SpsTest {

    @Test
    void parsesX264ConstrainedBaseline() {
        CodecConfig config = H264AccessUnit.parameterSets(TestStreams.load("x264-baseline-640x480.h264"));
        H264Sps sps = H264Sps.parse(config.sps());
        assertThat(sps.profileIdc()).isEqualTo(66);
        assertThat(sps.constraintFlags()).isEqualTo(0xc0);
        assertThat(sps.levelIdc()).isEqualTo(30);
        assertThat(sps.width()).isEqualTo(640);
        assertThat(sps.height()).isEqualTo(480);
        assertThat(sps.frameRate()).isEqualTo(30.0);
        assertThat(sps.profileLevelId()).isEqualTo("42c01e");
    }

    @Test
    void parsesHighProfileWithCroppingTo1080() {
        CodecConfig config = H264AccessUnit.parameterSets(TestStreams.load("x264-high-1920x1080.h264"));
        H264Sps sps = H264Sps.parse(config.sps());
        assertThat(sps.profileIdc()).isEqualTo(100);
        assertThat(sps.levelIdc()).isEqualTo(40);
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
        assertThat(sps.frameRate()).isEqualTo(25.0);
        assertThat(config.width()).isEqualTo(1920);
        assertThat(config.height()).isEqualTo(1080);
    }

    @Test
    void refusesAPpsAndATruncatedSps() {
        CodecConfig config = H264AccessUnit.parameterSets(TestStreams.load("x264-baseline-640x480.h264"));
        assertThatThrownBy(() -> H264Sps.parse(config.pps())).hasMessageContaining("Not an H.264 SPS");
        assertThatThrownBy(() -> H264Sps.parse(config.sps(), 0, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends early");
    }

    @Test
    void findsTheKeyframe() {
        byte[] stream = TestStreams.load("x264-baseline-640x480.h264");
        assertThat(H264AccessUnit.isKeyframe(stream)).isTrue();
        assertThat(H264AccessUnit.isKeyframe(new byte[] { 0, 0, 1, 0x41, 1 })).isFalse();
        assertThat(H264AccessUnit.parameterSets(new byte[] { 0, 0, 1, 0x41, 1 })).isNull();
    }
}
