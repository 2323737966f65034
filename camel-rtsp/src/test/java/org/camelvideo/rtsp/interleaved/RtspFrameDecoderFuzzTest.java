package org.camelvideo.rtsp.interleaved;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import org.camelvideo.rtsp.rtp.Packets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the connection's input side (the {@code $} demuxer, Netty's RTSP decoder and
 * the aggregator, as the server and client pipelines have them) on generated input: well-formed
 * streams come out exactly, and a million mutated ones never let an exception escape or a buffer
 * leak.
 */
class RtspFrameDecoderFuzzTest {

    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 1_000_000);
    /** Inputs run on Netty's own allocator, under the PARANOID leak detector the build sets. */
    private static final int DETECTOR_INPUTS = Integer.getInteger("fuzz.detectorInputs", 20_000);

    private static final String[] SEEDS = {
        "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n",
        "DESCRIBE rtsp://127.0.0.1:8554/live RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n",
        "SETUP rtsp://127.0.0.1:8554/live/trackID=0 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n",
        "PLAY rtsp://127.0.0.1:8554/live RTSP/1.0\r\nCSeq: 4\r\nSession: 1234ABCD\r\nRange: npt=0.000-\r\n\r\n",
        "SET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 5\r\nContent-Type: text/parameters\r\nContent-Length: 12\r\n\r\nbarparam: 1\n",
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n",
    };

    /** Collects what comes out of the pipeline and releases it. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<String> messages = new ArrayList<>();
        int frames;
        int failures;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof InterleavedFrame) {
                    frames++;
                } else if (msg instanceof FullHttpMessage) {
                    FullHttpMessage m = (FullHttpMessage) msg;
                    if (m.decoderResult().isFailure()) {
                        failures++;
                    } else {
                        messages.add(m instanceof FullHttpRequest ? ((FullHttpRequest) m).method().name() : "response");
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures++;
        }
    }

    private static EmbeddedChannel channel(Sink sink) {
        return new EmbeddedChannel(new RtspFrameDecoder(8192, 65536), new RtspDecoder(),
                                   new HttpObjectAggregator(65536), sink);
    }

    private static EmbeddedChannel channel(Sink sink, TrackingAllocator alloc) {
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new RtspFrameDecoder(8192, 65536), new RtspDecoder(), new HttpObjectAggregator(65536), sink);
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ch;
    }

    @Test
    void wellFormedStreamSplitAnywhereComesOutExactly() {
        SplittableRandom random = new SplittableRandom(1);
        for (int round = 0; round < 2000; round++) {
            List<String> expected = new ArrayList<>();
            int expectedFrames = 0;
            StringBuilder stream = new StringBuilder();
            List<byte[]> parts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (random.nextBoolean()) {
                    String seed = SEEDS[random.nextInt(SEEDS.length)];
                    parts.add(seed.getBytes(StandardCharsets.ISO_8859_1));
                    expected.add(seed.startsWith("RTSP/") ? "response" : seed.substring(0, seed.indexOf(' ')));
                } else {
                    byte[] frame = new byte[4 + random.nextInt(1500)];
                    frame[0] = '$';
                    frame[1] = (byte) random.nextInt(4);
                    frame[2] = (byte) ((frame.length - 4) >> 8);
                    frame[3] = (byte) (frame.length - 4);
                    parts.add(frame);
                    expectedFrames++;
                }
            }
            byte[] all = Packets.concat(parts.toArray(new byte[0][]));
            Sink sink = new Sink();
            EmbeddedChannel ch = channel(sink);
            feedInChunks(ch, all, random);
            assertThat(sink.messages).isEqualTo(expected);
            assertThat(sink.frames).isEqualTo(expectedFrames);
            assertThat(sink.failures).isZero();
            assertThat(ch.finishAndReleaseAll()).isFalse();
            stream.setLength(0);
        }
    }

    @Test
    void millionMutatedInputsNeitherThrowNorLeak() {
        SplittableRandom random = new SplittableRandom(42);
        TrackingAllocator alloc = new TrackingAllocator();
        long decoded = 0;
        long rejected = 0;
        for (int n = 0; n < INPUTS; n++) {
            byte[] input = mutate(seedStream(random), random);
            Sink sink = new Sink();
            boolean detector = n < DETECTOR_INPUTS;
            EmbeddedChannel ch = detector ? channel(sink) : channel(sink, alloc);
            List<ByteBuf> given = feedInChunks(ch, input, random);
            ch.finishAndReleaseAll();
            for (ByteBuf b : given) {
                assertThat(b.refCnt()).as("input %d released by the decoder", n).isZero();
            }
            if (!detector) {
                assertThat(alloc.unreleased()).as("buffers left referenced after input %d", n).isZero();
            }
            decoded += sink.messages.size() + sink.frames;
            rejected += sink.failures;
        }
        assertThat(decoded).as("the mutations keep most messages parseable").isGreaterThan(INPUTS / 2);
        assertThat(rejected).as("and break some").isPositive();
    }

    private static byte[] seedStream(SplittableRandom random) {
        List<byte[]> parts = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(3) == 0) {
                byte[] frame = new byte[4 + random.nextInt(64)];
                frame[0] = '$';
                frame[2] = (byte) ((frame.length - 4) >> 8);
                frame[3] = (byte) (frame.length - 4);
                parts.add(frame);
            } else {
                parts.add(SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return Packets.concat(parts.toArray(new byte[0][]));
    }

    private static byte[] mutate(byte[] in, SplittableRandom random) {
        byte[] b = in.clone();
        int edits = random.nextInt(4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0:
                    b[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    b[at] = (byte) "$\r\n: ;=-0123456789".charAt(random.nextInt(18));
                    break;
                case 2:
                    b = java.util.Arrays.copyOf(b, at);
                    break;
                case 3:
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                    break;
                case 4:
                    String cl = "Content-Length: " + (random.nextBoolean() ? random.nextInt(100_000) : -random.nextInt(9))
                                + "\r\n";
                    b = Packets.concat(java.util.Arrays.copyOf(b, at), cl.getBytes(StandardCharsets.ISO_8859_1),
                                       java.util.Arrays.copyOfRange(b, at, b.length));
                    break;
                default:
                    b = Packets.concat(b, b);
            }
        }
        return b;
    }

    private static List<ByteBuf> feedInChunks(EmbeddedChannel ch, byte[] data, SplittableRandom random) {
        List<ByteBuf> given = new ArrayList<>();
        int pos = 0;
        while (pos < data.length && ch.isOpen()) {
            int n = Math.min(data.length - pos, 1 + random.nextInt(Math.max(1, data.length)));
            ByteBuf buf = Unpooled.copiedBuffer(data, pos, n);
            given.add(buf);
            ch.writeInbound(buf);
            pos += n;
        }
        for (ByteBuf b : given) {
            if (b.refCnt() > 0 && !ch.isOpen()) {
                ((ReferenceCounted) b).release(b.refCnt());
            }
        }
        return given;
    }
}
