package org.camelvideo.h264.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncoderThreadsTest {

    @Test
    void automaticLibx264BelowHdLeavesOneCoreToTheRoute() {
        assertThat(H264Encoder.threadCount("libx264", 640, 480, 0, 2)).isEqualTo(1);
        assertThat(H264Encoder.threadCount("libx264", 640, 480, 0, 4)).isEqualTo(3);
        assertThat(H264Encoder.threadCount("libx264", 1280, 719, 0, 1)).isEqualTo(1);
    }

    @Test
    void ffmpegChoosesFromHdUpAndForOtherEncoders() {
        assertThat(H264Encoder.threadCount("libx264", 1280, 720, 0, 2)).isZero();
        assertThat(H264Encoder.threadCount("libx264", 1920, 1080, 0, 8)).isZero();
        assertThat(H264Encoder.threadCount("libopenh264", 640, 480, 0, 2)).isZero();
        assertThat(H264Encoder.threadCount("h264_nvenc", 640, 480, 0, 2)).isZero();
    }

    @Test
    void aConfiguredCountIsKept() {
        assertThat(H264Encoder.threadCount("libx264", 640, 480, 2, 2)).isEqualTo(2);
        assertThat(H264Encoder.threadCount("libx264", 1920, 1080, 1, 2)).isEqualTo(1);
    }

    @Test
    void libopenh264GetsASliceForEachThreadAndAtLeastFour() {
        assertThat(H264Encoder.sliceCount("libopenh264", 0, 2)).isEqualTo(4);
        assertThat(H264Encoder.sliceCount("libopenh264", 0, 8)).isEqualTo(8);
        assertThat(H264Encoder.sliceCount("libopenh264", 2, 8)).isEqualTo(4);
        assertThat(H264Encoder.sliceCount("libopenh264", 6, 2)).isEqualTo(6);
    }

    @Test
    void oneThreadOrAnotherEncoderLeavesSlicesToTheEncoder() {
        assertThat(H264Encoder.sliceCount("libopenh264", 1, 4)).isZero();
        assertThat(H264Encoder.sliceCount("libopenh264", 0, 1)).isZero();
        assertThat(H264Encoder.sliceCount("libx264", 0, 4)).isZero();
    }
}
