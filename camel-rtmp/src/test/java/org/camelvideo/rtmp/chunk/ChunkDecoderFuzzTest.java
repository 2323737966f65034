package org.camelvideo.rtmp.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.Mutator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million mutated and random chunk streams through the decoder, each in a fresh channel and
 * cut at random places: only {@link RtmpProtocolException} may come out, and every buffer is
 * released. The first inputs run under Netty's PARANOID leak detector; the rest on an
 * allocator whose count of live bytes must come back to zero, which is as strict and faster.
 */
class ChunkDecoderFuzzTest {

    static {
        LeakWatch.install();
    }

    private static final int INPUTS = 1_000_000;
    private static final int PARANOID_INPUTS = 20_000;

    /** Valid chunk streams: several chunk streams, all header formats, extended timestamps, chunk size changes. */
    private static List<byte[]> corpus(Random random) {
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
            ByteBuf all = Unpooled.buffer();
            int messages = 1 + random.nextInt(6);
            long ts = random.nextBoolean() ? 0xFFFFF0L : 0;
            for (int m = 0; m < messages; m++) {
                if (random.nextInt(5) == 0) {
                    encoder.writeOutbound(new RtmpMessage(2, MessageType.SET_CHUNK_SIZE, 0, 0,
                                                          Unpooled.buffer(4).writeInt(1 + random.nextInt(300))));
                }
                ts += random.nextInt(40);
                byte[] payload = new byte[random.nextInt(400)];
                random.nextBytes(payload);
                int csid = new int[] { 3, 4, 6, 70, 400 }[random.nextInt(5)];
                int type = new int[] { MessageType.AUDIO, MessageType.VIDEO, MessageType.COMMAND_AMF0, MessageType.ABORT }[random.nextInt(4)];
                encoder.writeOutbound(new RtmpMessage(csid, type, random.nextInt(2), ts, Unpooled.wrappedBuffer(payload)));
            }
            for (ByteBuf b; (b = encoder.readOutbound()) != null;) {
                all.writeBytes(b);
                b.release();
            }
            corpus.add(ByteBufUtil.getBytes(all));
            all.release();
            encoder.finishAndReleaseAll();
        }
        return corpus;
    }

    private static void closeAfterError(EmbeddedChannel ch) {
        try {
            ch.finishAndReleaseAll();
        } catch (RtmpProtocolException e) {
            // The error already counted, raised again by the decoder's last pass.
        }
    }

    @Test
    void millionMalformedStreamsOnlyRaiseProtocolErrorsAndLeakNothing() throws Exception {
        Mutator mutator = new Mutator(20261121L);
        List<byte[]> corpus = corpus(mutator.random());
        UnpooledByteBufAllocator counting = new UnpooledByteBufAllocator(false, true);
        long protocolErrors = 0;
        long messages = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutator.random().nextInt(8) == 0 ? mutator.noise(300)
                    : mutator.mutate(corpus.get(mutator.random().nextInt(corpus.size())));
            ByteBufAllocator alloc = i < PARANOID_INPUTS ? ByteBufAllocator.DEFAULT : counting;
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new ChunkDecoder());
            try {
                int pos = 0;
                while (pos < input.length) {
                    int n = 1 + mutator.random().nextInt(input.length - pos);
                    ByteBuf part = alloc.buffer(n).writeBytes(input, pos, n);
                    pos += n;
                    ch.writeInbound(part);
                    for (Object m; (m = ch.readInbound()) != null;) {
                        messages++;
                        ReferenceCountUtil.release(m);
                    }
                }
                // Closing decodes what is left once more, which may raise the same error again.
                ch.finishAndReleaseAll();
            } catch (RtmpProtocolException e) {
                protocolErrors++;
                closeAfterError(ch);
            } catch (Exception e) {
                throw new AssertionError("Input #" + i + " " + ByteBufUtil.hexDump(input) + " raised " + e, e);
            }
        }
        assertThat(counting.metric().usedHeapMemory()).as("bytes never released").isZero();
        LeakWatch.assertNoLeaks();
        assertThat(protocolErrors).as("the mutations reach the error paths").isGreaterThan(INPUTS / 10);
        assertThat(messages).as("and the happy paths").isGreaterThan(INPUTS / 10);
    }
}
