package org.camelvideo.rtmp.chunk;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Chunk headers byte for byte, as RTMP specification 5.3.1 lays them out. */
class ChunkCodecTest {

    static {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    private static RtmpMessage message(int csid, int type, long stream, long ts, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i + 1);
        }
        return new RtmpMessage(csid, type, stream, ts, Unpooled.wrappedBuffer(payload));
    }

    private static String payloadHex(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from + i + 1);
        }
        return ByteBufUtil.hexDump(b);
    }

    private static String encode(EmbeddedChannel ch, RtmpMessage m) {
        assertThat(ch.writeOutbound(m)).isTrue();
        ByteBuf out = ch.readOutbound();
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static List<RtmpMessage> decode(String hex) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder());
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)));
            List<RtmpMessage> out = new ArrayList<>();
            for (RtmpMessage m; (m = ch.readInbound()) != null;) {
                out.add(m);
            }
            return out;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void allFourHeaderFormats() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        String fmt0 = encode(ch, message(3, MessageType.COMMAND_AMF0, 0, 0, 5));
        String fmt1 = encode(ch, message(3, MessageType.COMMAND_AMF0, 0, 10, 3));
        String fmt2 = encode(ch, message(3, MessageType.COMMAND_AMF0, 0, 25, 3));
        String fmt3 = encode(ch, message(3, MessageType.COMMAND_AMF0, 0, 40, 3));
        ch.finishAndReleaseAll();
        assertThat(fmt0).isEqualTo("03" + "000000" + "000005" + "14" + "00000000" + payloadHex(0, 5));
        assertThat(fmt1).isEqualTo("43" + "00000a" + "000003" + "14" + payloadHex(0, 3));
        assertThat(fmt2).isEqualTo("83" + "00000f" + payloadHex(0, 3));
        assertThat(fmt3).isEqualTo("c3" + payloadHex(0, 3));

        List<RtmpMessage> decoded = decode(fmt0 + fmt1 + fmt2 + fmt3);
        assertThat(decoded).extracting(RtmpMessage::timestamp).containsExactly(0L, 10L, 25L, 40L);
        assertThat(decoded).extracting(m -> m.content().readableBytes()).containsExactly(5, 3, 3, 3);
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void messageStreamChangeOrTimestampGoingBackStartsAgainWithFormat0() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        encode(ch, message(3, MessageType.COMMAND_AMF0, 0, 100, 2));
        assertThat(encode(ch, message(3, MessageType.COMMAND_AMF0, 1, 100, 2))).startsWith("03");
        assertThat(encode(ch, message(3, MessageType.COMMAND_AMF0, 1, 50, 2))).startsWith("03000032");
        ch.finishAndReleaseAll();
    }

    @Test
    void extendedTimestampIsRepeatedOnEveryChunk() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        String hex = encode(ch, message(4, MessageType.AUDIO, 1, 0x01000000L, 200));
        ch.finishAndReleaseAll();
        assertThat(hex).isEqualTo("04" + "ffffff" + "0000c8" + "08" + "01000000" + "01000000" + payloadHex(0, 128)
                                  + "c4" + "01000000" + payloadHex(128, 72));
        List<RtmpMessage> decoded = decode(hex);
        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0).timestamp()).isEqualTo(0x01000000L);
        assertThat(decoded.get(0).streamId()).isEqualTo(1);
        assertThat(ByteBufUtil.hexDump(decoded.get(0).content())).isEqualTo(payloadHex(0, 200));
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void twoInterleavedChunkStreams() {
        // Audio on chunk stream 4 split at 128 bytes, a whole video message on 6 in between.
        String hex = "04" + "000010" + "0000c8" + "08" + "01000000" + payloadHex(0, 128)
                     + "06" + "000020" + "000032" + "09" + "01000000" + payloadHex(0, 50)
                     + "c4" + payloadHex(128, 72);
        List<RtmpMessage> decoded = decode(hex);
        assertThat(decoded).extracting(RtmpMessage::chunkStreamId).containsExactly(6, 4);
        assertThat(decoded).extracting(RtmpMessage::typeId).containsExactly(MessageType.VIDEO, MessageType.AUDIO);
        assertThat(decoded).extracting(RtmpMessage::timestamp).containsExactly(0x20L, 0x10L);
        assertThat(ByteBufUtil.hexDump(decoded.get(1).content())).isEqualTo(payloadHex(0, 200));
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void twoAndThreeByteBasicHeaders() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        String two = encode(ch, message(64 + 10, MessageType.VIDEO, 1, 0, 1));
        String three = encode(ch, message(64 + 300, MessageType.VIDEO, 1, 0, 1));
        ch.finishAndReleaseAll();
        assertThat(two).startsWith("000a");
        assertThat(three).startsWith("012c01");
        List<RtmpMessage> decoded = decode(two + three);
        assertThat(decoded).extracting(RtmpMessage::chunkStreamId).containsExactly(74, 364);
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void setChunkSizeAppliesToTheNextChunkBothWays() {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        String setChunkSize = encode(encoder, new RtmpMessage(2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(4096)));
        String big = encode(encoder, message(6, MessageType.VIDEO, 1, 0, 3000));
        encoder.finishAndReleaseAll();
        assertThat(setChunkSize).isEqualTo("02" + "000000" + "000004" + "01" + "00000000" + "00001000");
        assertThat(big).hasSize(2 * (12 + 3000));

        List<RtmpMessage> decoded = decode(setChunkSize + big);
        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0).content().readableBytes()).isEqualTo(3000);
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void abortDropsThePartialMessage() {
        String hex = "04" + "000000" + "0000c8" + "08" + "01000000" + payloadHex(0, 128)
                     + "02" + "000000" + "000004" + "02" + "00000000" + "00000004"
                     + "04" + "000000" + "000002" + "08" + "01000000" + "abcd";
        List<RtmpMessage> decoded = decode(hex);
        assertThat(decoded).hasSize(1);
        assertThat(ByteBufUtil.hexDump(decoded.get(0).content())).isEqualTo("abcd");
        decoded.forEach(RtmpMessage::release);
    }

    @Test
    void bytesArrivingOneAtATimeDecodeTheSame() {
        byte[] bytes = ByteBufUtil.decodeHexDump("04" + "ffffff" + "0000c8" + "08" + "01000000" + "01000000" + payloadHex(0, 128)
                                                 + "c4" + "01000000" + payloadHex(128, 72));
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder());
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
        }
        RtmpMessage m = ch.readInbound();
        assertThat(m.content().readableBytes()).isEqualTo(200);
        m.release();
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aHeaderThatNeedsAPreviousOneIsAProtocolError() {
        assertThatThrownBy(() -> decode("43" + "000000" + "000001" + "14" + "00")).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("without a previous header");
        assertThatThrownBy(() -> decode("04" + "000000" + "0000c8" + "08" + "01000000" + payloadHex(0, 128)
                                        + "44" + "000000" + "000001" + "08" + "00"))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("bytes of the last are missing");
    }
}
