package org.camelvideo.rtsp.rtp.h265;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.rtsp.rtp.Packets;
import org.camelvideo.rtsp.rtp.RtpTrack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.rtsp.rtp.Packets.bytes;
import static org.camelvideo.rtsp.rtp.Packets.concat;
import static org.camelvideo.rtsp.rtp.Packets.filled;

/** RFC 7798 packets byte by byte, and back through the depacketizer. */
class H265PacketizerTest {

    private static final byte[] SC = { 0, 0, 0, 1 };
    /** Two-byte NAL unit headers: an access unit delimiter, an IDR_W_RADL slice, a trailing slice. */
    private static final byte[] AUD = bytes(0x46, 0x01, 0x10);
    private static final int IDR = 0x26;
    private static final int TRAIL = 0x02;

    /** The parameter sets libx265 (ultrafast) wrote for 640x360. */
    private static final String X265_VPS = "40010c01ffff01600000030090000003000003003f959409";
    private static final String X265_SPS = "42010101600000030090000003000003003fa005020171f2e595952930bc05a020000003002000000303c1";
    private static final String X265_PPS = "4401c073c189";

    private final RtpTrack track = new RtpTrack(96, 90_000);

    private static byte[] nal(int firstHeaderByte, int length) {
        byte[] n = filled(length, 0x55);
        n[0] = (byte) firstHeaderByte;
        n[1] = 0x01;
        return n;
    }

    private List<byte[]> packetize(byte[] accessUnit, CodecConfig config) {
        return Packets.packetize(track, 0, w -> new H265Packetizer(100).packetize(accessUnit, config, w));
    }

    @Test
    void aSmallUnitIsOnePacketAndTheDelimiterIsLeftOut() {
        byte[] slice = nal(TRAIL, 60);
        List<byte[]> packets = packetize(concat(SC, AUD, SC, slice), null);
        assertThat(packets).hasSize(1);
        assertThat(Packets.payload(packets.get(0))).isEqualTo(slice);
        assertThat(Packets.marker(packets.get(0))).isTrue();
    }

    @Test
    void aBigUnitIsSplitInFragmentationUnits() {
        byte[] slice = nal(IDR, 250);
        List<byte[]> packets = packetize(concat(SC, slice), null);
        assertThat(packets).hasSize(3);
        // Payload header: F and layer bits of the NAL unit with type 49; FU header: S/E and type 19.
        assertThat(Packets.payload(packets.get(0))).startsWith(0x62, 0x01, 0x80 | 19).hasSize(100);
        assertThat(Packets.payload(packets.get(1))).startsWith(0x62, 0x01, 19).hasSize(100);
        assertThat(Packets.payload(packets.get(2))).startsWith(0x62, 0x01, 0x40 | 19).hasSize(3 + 248 - 2 * 97);
        assertThat(packets.stream().map(Packets::marker)).containsExactly(false, false, true);
    }

    @Test
    void aKeyframeWithoutParameterSetsGetsTheKnownOnesAndReassemblesWhole() {
        byte[] vps = HexFormat.of().parseHex(X265_VPS);
        byte[] sps = HexFormat.of().parseHex(X265_SPS);
        byte[] pps = HexFormat.of().parseHex(X265_PPS);
        CodecConfig config = CodecConfig.h265(vps, sps, pps);
        assertThat(config.width()).isEqualTo(640);
        byte[] slice = nal(IDR, 400);
        List<byte[]> out = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        H265Depacketizer depacketizer = new H265Depacketizer(1 << 20, (au, ts, key) -> {
            out.add(au);
            keys.add(key);
        });
        packetize(concat(SC, slice), config).forEach(p -> Packets.receive(p, depacketizer));
        assertThat(out).containsExactly(concat(SC, vps, SC, sps, SC, pps, SC, slice));
        assertThat(keys).containsExactly(true);
        byte[] next = nal(TRAIL, 50);
        packetize(concat(SC, next), config).forEach(p -> Packets.receive(p, depacketizer));
        assertThat(out.get(1)).as("no parameter sets before a non-keyframe").isEqualTo(concat(SC, next));
        assertThat(keys.get(1)).isFalse();
    }

    @Test
    void aggregationPacketsAreReadUnitByUnit() {
        byte[] a = nal(0x4e, 5); // SEI
        byte[] b = nal(TRAIL, 7);
        List<byte[]> packets = Packets.packetize(track, 0, w -> {
            w.begin(true);
            w.payload().writeBytes(bytes(0x60, 0x01, 0, a.length)).writeBytes(a).writeBytes(bytes(0, b.length)).writeBytes(b);
            w.end();
        });
        List<byte[]> out = new ArrayList<>();
        H265Depacketizer depacketizer = new H265Depacketizer(1 << 20, (au, ts, key) -> out.add(au));
        Packets.receive(packets.get(0), depacketizer);
        assertThat(out).containsExactly(concat(SC, a, SC, b));
    }
}
