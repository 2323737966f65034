package org.camelvideo.mjpeg.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.mjpeg.TestJpegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What cameras really send, byte for byte, and what the decoder makes of it. */
class MultipartJpegDecoderTest {

    private static byte[] a;
    private static byte[] b;

    @BeforeAll
    static void pictures() throws Exception {
        List<byte[]> frames = TestJpegs.frames(320, 240);
        a = frames.get(0);
        b = frames.get(45);
    }

    private final List<String> drops = new ArrayList<>();

    private List<JpegPart> decode(String contentType, int maxPartSize, byte[] stream, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new MultipartJpegDecoder(Boundary.fromContentType(contentType),
                maxPartSize, drops::add));
        for (int i = 0; i < stream.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
        }
        List<JpegPart> parts = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            parts.add((JpegPart) o);
        }
        ch.checkException();
        ch.finishAndReleaseAll();
        return parts;
    }

    private List<JpegPart> decode(String contentType, byte[] stream) {
        List<JpegPart> whole = decode(contentType, 1 << 20, stream, stream.length);
        for (int chunk : new int[] { 1, 7, 1000 }) {
            List<byte[]> split = decode(contentType, 1 << 20, stream, chunk).stream().map(JpegPart::data).toList();
            assertThat(split).as("read %d bytes at a time", chunk).containsExactlyElementsOf(
                    whole.stream().map(JpegPart::data).toList());
        }
        return whole;
    }

    private static byte[] concat(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : pieces) {
            out.writeBytes(p instanceof byte[] bytes ? bytes : p.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    @Test
    void rfcDelimitersWithContentLength() {
        byte[] stream = concat("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + a.length + "\r\nX-Timestamp: 12.000500\r\n\r\n",
                a, "\r\n--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + b.length + "\r\n\r\n", b, "\r\n");
        List<JpegPart> parts = decode("multipart/x-mixed-replace; boundary=frame", stream);
        assertThat(parts).extracting(JpegPart::data).containsExactly(a, b);
        assertThat(parts.get(0).timestampMicros()).isEqualTo(12_000_500L);
        assertThat(parts.get(1).timestampMicros()).isEqualTo(-1);
        assertThat(parts.get(0).contentType()).isEqualTo("image/jpeg");
        assertThat(drops).isEmpty();
    }

    @Test
    void delimitersWithoutTheLeadingDashes() {
        byte[] stream = concat("myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " + a.length + "\r\n\r\n", a,
                "\r\nmyboundary\r\nContent-Length: " + b.length + "\r\n\r\n", b);
        assertThat(decode("multipart/x-mixed-replace;boundary=myboundary", stream)).extracting(JpegPart::data)
                .containsExactly(a, b);
    }

    @Test
    void boundaryDeclaredWithDashesAndQuotes() {
        byte[] stream = concat("--myboundary\r\nContent-Length: " + a.length + "\r\n\r\n", a, "\r\n--myboundary\n\n", b);
        assertThat(decode("multipart/x-mixed-replace; boundary=\"--myboundary\"", stream)).extracting(JpegPart::data)
                .containsExactly(a, b);
    }

    @Test
    void partsWithoutContentLengthAreDelimitedByTheirMarkers() {
        // an APP1 segment whose bytes contain FF D9, as an EXIF thumbnail does, must not end the picture
        byte[] app1 = { (byte) 0xFF, (byte) 0xE1, 0x00, 0x08, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9, 0x00, 0x00 };
        byte[] withThumbnail = concat(new byte[] { (byte) 0xFF, (byte) 0xD8 }, app1, java.util.Arrays.copyOfRange(a, 2, a.length));
        byte[] stream = concat("--x\r\nContent-Type: image/jpeg\r\n\r\n", withThumbnail, "\r\n--x\r\n\r\n", b, "\r\n--x\r\n");
        assertThat(decode("multipart/x-mixed-replace;boundary=x", stream)).extracting(JpegPart::data)
                .containsExactly(withThumbnail, b);
    }

    @Test
    void boundaryLearntWhenTheContentTypeHasNone() {
        // what ffmpeg's HTTP server sends: application/octet-stream and --ffmpeg delimiters
        byte[] stream = concat("--ffmpeg\r\nContent-type: image/jpeg\r\nContent-length: " + a.length + "\r\n\r\n", a,
                "\r\n--ffmpeg\r\nContent-type: image/jpeg\r\nContent-length: " + b.length + "\r\n\r\n", b, "\r\n");
        assertThat(decode("application/octet-stream", stream)).extracting(JpegPart::data).containsExactly(a, b);
        assertThat(decode(null, stream)).extracting(JpegPart::data).containsExactly(a, b);
    }

    @Test
    void pictureRightAfterTheDelimiter() {
        byte[] stream = concat("--x\r\n", a, "\r\n--x\r\n", b, "\r\n--x--\r\n");
        assertThat(decode("multipart/x-mixed-replace;boundary=x", stream)).extracting(JpegPart::data).containsExactly(a, b);
    }

    @Test
    void oversizedPartsAreDroppedAndTheStreamGoesOn() {
        byte[] big = a.length > b.length ? a : b;
        byte[] small = a.length > b.length ? b : a;
        int max = small.length + 10;
        byte[] stream = concat("--x\r\nContent-Length: " + big.length + "\r\n\r\n", big, "\r\n--x\r\nContent-Length: "
                + small.length + "\r\n\r\n", small, "\r\n--x\r\n\r\n", big, "\r\n--x\r\n\r\n", small, "\r\n--x\r\n");
        for (int chunk : new int[] { stream.length, 1000, 1 }) {
            drops.clear();
            assertThat(decode("multipart/x-mixed-replace;boundary=x", max, stream, chunk)).extracting(JpegPart::data)
                    .containsExactly(small, small);
            assertThat(drops).hasSize(2).allMatch(d -> d.contains("larger than maxFrameSize " + max));
        }
    }

    @Test
    void junkAndPartsThatAreNoJpegAreDropped() {
        byte[] stream = concat("garbage before the first delimiter\r\n--x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
                "\r\n--x\r\nContent-Type: image/jpeg\r\n\r\nnot a jpeg either\r\n--x\r\nContent-Length: " + a.length + "\r\n\r\n", a);
        assertThat(decode("multipart/x-mixed-replace;boundary=x", stream)).extracting(JpegPart::data).containsExactly(a);
        assertThat(drops).contains("part is not a JPEG");
    }
}
