package org.camelvideo.rtmp.flv;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.aac.AudioSpecificConfig;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.Mutator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million mutated audio and video tags (H.264, Enhanced RTMP H.265, AAC, their sequence
 * headers) through one depacketizer, as a hostile publisher would send them: only
 * {@link RtmpProtocolException} may come out.
 */
class FlvDepacketizerFuzzTest {

    private static final int INPUTS = 1_000_000;

    private static byte[] bytes(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static List<byte[]> videoCorpus() {
        CodecConfig avc = CodecConfig.h264(ByteBufUtil.decodeHexDump("6742c01e8c8d40501e900f08846a"),
                                           ByteBufUtil.decodeHexDump("68ce3c80"));
        CodecConfig hevc = CodecConfig.h265(
                ByteBufUtil.decodeHexDump("40010c01ffff01600000030090000003000003003f959409"),
                ByteBufUtil.decodeHexDump("42010101600000030090000003000003003fa005020171f2e595952930bc05a020000003002000000303c1"),
                ByteBufUtil.decodeHexDump("4401c073c189"));
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        byte[] idr = ByteBufUtil.decodeHexDump("0000000165aabbccdd00000001658899");
        byte[] hevcIdr = ByteBufUtil.decodeHexDump("000000012601aabbccdd");
        return List.of(bytes(FlvVideo.sequenceHeader(alloc, avc)), bytes(FlvVideo.nalUnits(alloc, idr, true, 40)),
                       bytes(FlvVideo.sequenceHeader(alloc, hevc)), bytes(FlvVideo.hevcNalUnits(alloc, hevcIdr, true, 0)),
                       bytes(FlvVideo.hevcNalUnits(alloc, hevcIdr, false, 33)));
    }

    private static List<byte[]> audioCorpus() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CodecConfig aac = CodecConfig.aac(AudioSpecificConfig.of(AudioSpecificConfig.AAC_LC, 44100, 2).encode());
        return List.of(bytes(FlvAudio.sequenceHeader(alloc, aac)), bytes(FlvAudio.rawFrame(alloc, new byte[] { 1, 2, 3 })));
    }

    @Test
    void millionMutatedTagsOnlyRaiseProtocolErrors() {
        Mutator mutator = new Mutator(7798L);
        List<byte[]> video = videoCorpus();
        List<byte[]> audio = audioCorpus();
        FlvDepacketizer depacketizer = new FlvDepacketizer();
        int packets = 0;
        int errors = 0;
        List<Class<?>> unexpected = new ArrayList<>();
        for (int n = 0; n < INPUTS; n++) {
            boolean isVideo = mutator.random().nextInt(4) != 0;
            List<byte[]> corpus = isVideo ? video : audio;
            byte[] tag = mutator.mutate(corpus.get(mutator.random().nextInt(corpus.size())));
            RtmpMessage message = new RtmpMessage(isVideo ? 6 : 4, isVideo ? MessageType.VIDEO : MessageType.AUDIO, 1, n,
                                                  Unpooled.wrappedBuffer(tag));
            try {
                if (depacketizer.depacketize(message) != null) {
                    packets++;
                }
            } catch (RtmpProtocolException e) {
                errors++;
            } catch (RuntimeException e) {
                if (unexpected.size() < 5) {
                    unexpected.add(e.getClass());
                    e.printStackTrace();
                }
            } finally {
                message.release();
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(packets).as("mutated tags that still made packets").isGreaterThan(INPUTS / 20);
        assertThat(errors).as("tags refused as malformed").isPositive();
    }
}
