package org.camelvideo.mjpeg.jpeg;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.camelvideo.mjpeg.TestJpegs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the end and the size of FFmpeg's real JPEGs, whole and a piece at a time. */
class JpegTest {

    @Test
    void sizeFromTheStartOfFrame() throws Exception {
        assertThat(Jpeg.size(TestJpegs.frames(640, 480).get(0))).containsExactly(640, 480);
        assertThat(Jpeg.size(TestJpegs.frames(320, 240).get(7))).containsExactly(320, 240);
        assertThat(Jpeg.size(new byte[] { 1, 2, 3 })).isNull();
        assertThat(Jpeg.size(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })).isNull();
        byte[] jpeg = TestJpegs.frames(320, 240).get(0);
        assertThat(Jpeg.size(Arrays.copyOf(jpeg, 200))).as("cut short").isNull();
    }

    @Test
    void endFoundExactlyWithTrailingBytes() throws Exception {
        for (byte[] jpeg : TestJpegs.frames(320, 240).subList(0, 10)) {
            ByteBuf buf = Unpooled.wrappedBuffer(jpeg, new byte[] { '\r', '\n', '-', '-' });
            assertThat(new JpegEndFinder().find(buf, 0, buf.writerIndex())).isEqualTo(jpeg.length);
        }
    }

    @Test
    void endFoundWhenTheBytesArriveOneAtATime() throws Exception {
        byte[] jpeg = TestJpegs.frames(320, 240).get(3);
        JpegEndFinder finder = new JpegEndFinder();
        ByteBuf buf = Unpooled.wrappedBuffer(jpeg);
        for (int limit = 0; limit < jpeg.length; limit++) {
            assertThat(finder.find(buf, 0, limit)).as("after %d bytes", limit).isEqualTo(JpegEndFinder.INCOMPLETE);
        }
        assertThat(finder.find(buf, 0, jpeg.length)).isEqualTo(jpeg.length);
        assertThat(finder.width()).isEqualTo(320);
        assertThat(finder.height()).isEqualTo(240);
    }

    @Test
    void notAJpegIsMalformed() {
        ByteBuf text = Unpooled.wrappedBuffer("hello world".getBytes());
        assertThat(new JpegEndFinder().find(text, 0, text.writerIndex())).isEqualTo(JpegEndFinder.MALFORMED);
        byte[] badSegment = { (byte) 0xFF, (byte) 0xD8, 0x12, 0x34 };
        ByteBuf bad = Unpooled.wrappedBuffer(badSegment);
        assertThat(new JpegEndFinder().find(bad, 0, bad.writerIndex())).isEqualTo(JpegEndFinder.MALFORMED);
        byte[] zeroLength = Arrays.copyOf(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1 }, 6);
        ByteBuf zero = Unpooled.wrappedBuffer(zeroLength);
        assertThat(new JpegEndFinder().find(zero, 0, zero.writerIndex())).isEqualTo(JpegEndFinder.MALFORMED);
    }
}
