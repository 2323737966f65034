package org.camelvideo.rtmp.flv;

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.aac.AudioSpecificConfig;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.amf.EcmaArray;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FLV video and audio tag bodies byte for byte (FLV specification E.4.2, E.4.3) and back. */
class FlvTagTest {

    static {
        LeakWatch.install();
    }

    /** A real x264 baseline SPS (640x480) and PPS, as in camel-media's fixtures. */
    private static final byte[] SPS = ByteBufUtil.decodeHexDump("6742c01e8c8d40501e900f08846a");
    private static final byte[] PPS = ByteBufUtil.decodeHexDump("68ce3c80");
    private static final CodecConfig VIDEO = CodecConfig.h264(SPS, PPS);
    /** libx265's (ultrafast, zerolatency) parameter sets for 640x360. */
    private static final CodecConfig HEVC = CodecConfig.h265(
            ByteBufUtil.decodeHexDump("40010c01ffff01600000030090000003000003003f959409"),
            ByteBufUtil.decodeHexDump("42010101600000030090000003000003003fa005020171f2e595952930bc05a020000003002000000303c1"),
            ByteBufUtil.decodeHexDump("4401c073c189"));
    private static final CodecConfig AUDIO = CodecConfig.aac(AudioSpecificConfig.of(AudioSpecificConfig.AAC_LC, 44100, 2).encode());

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    private static String hex(ByteBuf buf) {
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void avcSequenceHeader() {
        String record = "01" + "42c01e" + "ff" + "e1" + "000e" + ByteBufUtil.hexDump(SPS) + "01" + "0004" + ByteBufUtil.hexDump(PPS);
        assertThat(hex(FlvVideo.sequenceHeader(ByteBufAllocator.DEFAULT, VIDEO))).isEqualTo("17" + "00" + "000000" + record);
    }

    @Test
    void avcNalUnitsWithCompositionTimeAndNoDelimiter() {
        byte[] annexB = ByteBufUtil.decodeHexDump("00000001" + "0910" + "00000001" + "65aabb" + "000001" + "65cc");
        assertThat(hex(FlvVideo.nalUnits(ByteBufAllocator.DEFAULT, annexB, true, 66)))
                .isEqualTo("17" + "01" + "000042" + "00000003" + "65aabb" + "00000002" + "65cc");
        assertThat(hex(FlvVideo.nalUnits(ByteBufAllocator.DEFAULT, ByteBufUtil.decodeHexDump("0000000141ee"), false, -1)))
                .isEqualTo("27" + "01" + "ffffff" + "00000002" + "41ee");
    }

    @Test
    void aacSequenceHeaderAndRawFrame() {
        assertThat(hex(FlvAudio.sequenceHeader(ByteBufAllocator.DEFAULT, AUDIO))).isEqualTo("af" + "00" + "1210");
        assertThat(hex(FlvAudio.rawFrame(ByteBufAllocator.DEFAULT, new byte[] { 0x21, 0x10 }))).isEqualTo("af" + "01" + "2110");
    }

    @Test
    void metadataNamesSizeCodecsAndRates() {
        Map<?, ?> m = (Map<?, ?>) MetaData.of(VIDEO, AUDIO, 30, 2_000_000, 128_000).get(2);
        assertThat(m).isInstanceOf(EcmaArray.class);
        assertThat(m.get("width")).isEqualTo(640.0);
        assertThat(m.get("height")).isEqualTo(480.0);
        assertThat(m.get("framerate")).isEqualTo(30.0);
        assertThat(m.get("videocodecid")).isEqualTo(7.0);
        assertThat(m.get("videodatarate")).isEqualTo(2000.0);
        assertThat(m.get("audiocodecid")).isEqualTo(10.0);
        assertThat(m.get("audiosamplerate")).isEqualTo(44100.0);
        assertThat(m.get("stereo")).isEqualTo(true);
    }

    private static MediaPacket depacketize(FlvDepacketizer d, int type, long ts, ByteBuf body) {
        RtmpMessage m = new RtmpMessage(6, type, 1, ts, body);
        try {
            return d.depacketize(m);
        } finally {
            m.release();
        }
    }

    @Test
    void hevcGoesInEnhancedRtmpTags() {
        // Extended header: the top bit, frame type 1 (key) or 2, packet type 0 (sequence start),
        // 1 (coded frames with a composition time) or 3 (without one); then the FourCC hvc1.
        assertThat(hex(FlvVideo.sequenceHeader(ByteBufAllocator.DEFAULT, HEVC))).startsWith("90" + "68766331" + "01" + "016000");
        byte[] annexB = ByteBufUtil.decodeHexDump("00000001" + "460110" + "00000001" + "2601aabb");
        assertThat(hex(FlvVideo.hevcNalUnits(ByteBufAllocator.DEFAULT, annexB, true, 0)))
                .isEqualTo("93" + "68766331" + "00000004" + "2601aabb");
        assertThat(hex(FlvVideo.hevcNalUnits(ByteBufAllocator.DEFAULT, ByteBufUtil.decodeHexDump("000000010201cc"), false, 40)))
                .isEqualTo("a1" + "68766331" + "000028" + "00000003" + "0201cc");
    }

    @Test
    void depacketizerRestoresHevcWithParameterSetsAndTiming() {
        FlvDepacketizer d = new FlvDepacketizer();
        assertThat(depacketize(d, MessageType.VIDEO, 0, FlvVideo.sequenceHeader(ByteBufAllocator.DEFAULT, HEVC))).isNull();
        assertThat(d.videoConfig()).isEqualTo(HEVC);
        MediaPacket key = depacketize(d, MessageType.VIDEO, 1000,
                                      FlvVideo.hevcNalUnits(ByteBufAllocator.DEFAULT, ByteBufUtil.decodeHexDump("000000012601aabb"), true,
                                                            40));
        assertThat(key.codec()).isEqualTo(Codec.H265);
        assertThat(key.isKeyframe()).isTrue();
        assertThat(key.ptsMicros()).isEqualTo(1_040_000);
        assertThat(ByteBufUtil.hexDump(key.payload())).isEqualTo("00000001" + ByteBufUtil.hexDump(HEVC.vps()) + "00000001"
                                                                 + ByteBufUtil.hexDump(HEVC.sps()) + "00000001"
                                                                 + ByteBufUtil.hexDump(HEVC.pps()) + "00000001" + "2601aabb");
        MediaPacket inter = depacketize(d, MessageType.VIDEO, 1033,
                                        FlvVideo.hevcNalUnits(ByteBufAllocator.DEFAULT, ByteBufUtil.decodeHexDump("000000010201cc"), false,
                                                              0));
        assertThat(inter.isKeyframe()).isFalse();
        assertThat(ByteBufUtil.hexDump(inter.payload())).isEqualTo("00000001" + "0201cc");
        assertThat(depacketize(d, MessageType.VIDEO, 0, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("9061763031" + "00"))))
                .as("another FourCC (av01) is skipped").isNull();
    }

    @Test
    void depacketizerRestoresAnnexBWithParameterSetsAndTiming() {
        FlvDepacketizer d = new FlvDepacketizer();
        assertThat(depacketize(d, MessageType.VIDEO, 0, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("2701000000000000024100"))))
                .as("a frame before any sequence header").isNull();
        assertThat(d.skipped()).isEqualTo(1);
        assertThat(depacketize(d, MessageType.VIDEO, 0, FlvVideo.sequenceHeader(ByteBufAllocator.DEFAULT, VIDEO))).isNull();
        assertThat(d.videoConfig()).isEqualTo(VIDEO);

        MediaPacket key = depacketize(d, MessageType.VIDEO, 1000,
                                      FlvVideo.nalUnits(ByteBufAllocator.DEFAULT, ByteBufUtil.decodeHexDump("0000000165aabb"), true, 66));
        assertThat(key.codec()).isEqualTo(Codec.H264);
        assertThat(key.isKeyframe()).isTrue();
        assertThat(key.dtsMicros()).isEqualTo(1_000_000);
        assertThat(key.ptsMicros()).isEqualTo(1_066_000);
        assertThat(ByteBufUtil.hexDump(key.payload()))
                .isEqualTo("00000001" + ByteBufUtil.hexDump(SPS) + "00000001" + ByteBufUtil.hexDump(PPS) + "00000001" + "65aabb");

        assertThat(depacketize(d, MessageType.AUDIO, 0, FlvAudio.sequenceHeader(ByteBufAllocator.DEFAULT, AUDIO))).isNull();
        MediaPacket aac = depacketize(d, MessageType.AUDIO, 23, FlvAudio.rawFrame(ByteBufAllocator.DEFAULT, new byte[] { 1, 2 }));
        assertThat(aac.codec()).isEqualTo(Codec.AAC);
        assertThat(aac.config().sampleRate()).isEqualTo(44100);
        assertThat(aac.payload()).containsExactly(1, 2);
        assertThat(aac.ptsMicros()).isEqualTo(23_000);
    }

    @Test
    void malformedTagsAreProtocolErrors() {
        FlvDepacketizer d = new FlvDepacketizer();
        depacketize(d, MessageType.VIDEO, 0, FlvVideo.sequenceHeader(ByteBufAllocator.DEFAULT, VIDEO));
        assertThatThrownBy(() -> depacketize(d, MessageType.VIDEO, 0, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("170100"))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> depacketize(d, MessageType.VIDEO, 0,
                                             Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("1701000000000000ff41"))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("Malformed H.264");
        assertThat(depacketize(d, MessageType.VIDEO, 0, Unpooled.buffer(0))).as("an empty keep-alive tag").isNull();
    }
}
