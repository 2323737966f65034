package org.camelvideo.mjpeg.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.mjpeg.TestJpegs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million mangled multipart streams: valid streams with bits flipped, bytes inserted and
 * removed, lengths lied about, cut short, and plain noise, each read in random pieces. Nothing may
 * escape the decoder, every part it emits must be a JPEG within the size limit, and every buffer
 * it allocated must be released.
 */
class MultipartFuzzTest {

    private static final int INPUTS = 1_000_000;
    private static final int MAX_PART = 4096;
    private static final long SEED = 0x6D6A706567L;

    /** Counts the buffers the decoder allocates, so that a leak shows up at once, not at GC. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void nothingEscapesAndNothingLeaks() throws Exception {
        byte[] real = TestJpegs.frames(160, 120).get(0);
        SplittableRandom random = new SplittableRandom(SEED);
        TrackingAllocator alloc = new TrackingAllocator();
        long parts = 0;
        long drops = 0;
        long bytes = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mangle(random, stream(random, real), i);
            bytes += input.length;
            long[] dropped = { 0 };
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new MultipartJpegDecoder(random.nextInt(4) == 0 ? null : Boundary.of("bnd"), MAX_PART,
                    reason -> dropped[0]++));
            for (int at = 0; at < input.length;) {
                int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 2048));
                ByteBuf piece = alloc.heapBuffer(n);
                piece.writeBytes(input, at, n);
                ch.writeInbound(piece);
                at += n;
            }
            for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                JpegPart part = (JpegPart) o;
                assertThat(part.data().length).isLessThanOrEqualTo(MAX_PART);
                assertThat(part.data()[0] & 0xFF).isEqualTo(0xFF);
                assertThat(part.data()[1] & 0xFF).isEqualTo(0xD8);
                parts++;
            }
            ch.checkException();
            ch.finishAndReleaseAll();
            for (ByteBuf b : alloc.allocated) {
                assertThat(b.refCnt()).as("input %d (seed %x) left a buffer unreleased", i, SEED).isZero();
            }
            alloc.allocated.clear();
            drops += dropped[0];
        }
        System.out.printf("Fuzzed %d inputs (%d MB): %d parts emitted, %d dropped%n", INPUTS, bytes >> 20, parts, drops);
        assertThat(parts).as("well-formed parts survive").isGreaterThan(INPUTS / 4);
        assertThat(drops).isPositive();
    }

    /** A valid stream of one to three parts in one of the styles cameras use. */
    private static byte[] stream(SplittableRandom r, byte[] real) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(3);
        for (int p = 0; p < n; p++) {
            byte[] jpeg = r.nextInt(50) == 0 ? real : tinyJpeg(r);
            String delimiter = r.nextBoolean() ? "--bnd" : "bnd";
            String eol = r.nextInt(5) == 0 ? "\n" : "\r\n";
            StringBuilder head = new StringBuilder(delimiter).append(eol);
            int style = r.nextInt(4);
            if (style != 3) {
                head.append("Content-Type: image/jpeg").append(eol);
                if (style == 0 || style == 1) {
                    head.append("Content-Length: ").append(jpeg.length).append(eol);
                }
                if (style == 1) {
                    head.append("X-Timestamp: ").append(r.nextInt(100000)).append('.').append(r.nextInt(1000000)).append(eol);
                }
                head.append(eol);
            }
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(jpeg);
            out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** SOI, an APP0 and a DQT-sized segment, SOS, entropy-coded bytes with stuffing and restarts, EOI. */
    private static byte[] tinyJpeg(SplittableRandom r) {
        ByteArrayOutputStream j = new ByteArrayOutputStream();
        j.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xD8 });
        int segments = 1 + r.nextInt(3);
        for (int s = 0; s < segments; s++) {
            int len = 2 + r.nextInt(40);
            j.write(0xFF);
            j.write(0xE0 + r.nextInt(16));
            j.write(len >> 8);
            j.write(len & 0xFF);
            for (int k = 2; k < len; k++) {
                j.write(r.nextInt(256));
            }
        }
        j.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0 });
        int data = r.nextInt(300);
        for (int k = 0; k < data; k++) {
            int b = r.nextInt(256);
            j.write(b);
            if (b == 0xFF) {
                j.write(r.nextInt(10) == 0 ? 0xD0 + r.nextInt(8) : 0x00);
            }
        }
        j.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xD9 });
        return j.toByteArray();
    }

    private static byte[] mangle(SplittableRandom r, byte[] valid, int i) {
        int kind = i % 8;
        if (kind == 0) {
            return valid;
        }
        if (kind == 7) {
            byte[] noise = new byte[r.nextInt(2000)];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (byte) r.nextInt(256);
            }
            return noise;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = valid.clone();
        switch (kind) {
            case 1 -> {
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 2 -> {
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                out.write(b, 0, at);
                for (int k = r.nextInt(64); k > 0; k--) {
                    out.write(new byte[] { (byte) 0xFF, '\r', '\n', '-', (byte) 0xD8, (byte) 0xD9, 0 }[r.nextInt(7)]);
                }
                out.write(b, at, b.length - at);
                return out.toByteArray();
            }
            case 4 -> {
                int at = r.nextInt(b.length);
                int cut = Math.min(b.length - at, r.nextInt(64));
                out.write(b, 0, at);
                out.write(b, at + cut, b.length - at - cut);
                return out.toByteArray();
            }
            case 5 -> {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                String[] lies = { "Content-Length: -1", "Content-Length: 99999999999", "Content-Length: 0",
                        "Content-Length: 12", "Content-Length: abc", "Content-Length: 5000" };
                return s.replaceFirst("Content-Length: \\d+", lies[r.nextInt(lies.length)])
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                // a header line far longer than any real one
                out.write(b, 0, Math.min(b.length, 7));
                for (int k = 2000 + r.nextInt(20000); k > 0; k--) {
                    out.write('A');
                }
                out.write(b, Math.min(b.length, 7), b.length - Math.min(b.length, 7));
                return out.toByteArray();
            }
        }
    }
}
