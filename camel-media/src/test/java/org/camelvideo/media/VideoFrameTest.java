package org.camelvideo.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VideoFrameTest {

    @Test
    void planesOfI420AndNv21() {
        VideoFrame i420 = new VideoFrame(6, 4, PixelFormat.I420, new byte[36], 0, 0);
        assertThat(i420.planeOffset(1)).isEqualTo(24);
        assertThat(i420.planeOffset(2)).isEqualTo(30);
        assertThat(i420.plane(2).remaining()).isEqualTo(6);
        assertThat(i420.plane(0).isReadOnly()).isTrue();
        assertThat(PixelFormat.NV21.frameSize(5, 3)).isEqualTo(15 + 6 * 2);
        assertThat(PixelFormat.BGR24.frameSize(4, 2)).isEqualTo(24);
    }

    @Test
    void wrongBufferSizeIsNamed() {
        assertThatThrownBy(() -> new VideoFrame(640, 480, PixelFormat.I420, new byte[10], 0, 0))
                .hasMessageContaining("640x480 I420 frame needs 460800 bytes, got 10");
    }

    @Test
    void packetRefusesAForeignConfig() {
        assertThatThrownBy(() -> new MediaPacket(Codec.H264, new byte[1], 0, 0, true,
                CodecConfig.aac(new byte[] { 0x12, 0x10 }))).hasMessageContaining("H264 packet cannot carry a AAC");
    }
}
