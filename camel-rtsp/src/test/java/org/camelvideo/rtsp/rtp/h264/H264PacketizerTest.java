package org.camelvideo.rtsp.rtp.h264;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h264.H264NalType;
import org.camelvideo.rtsp.rtp.Packets;
import org.camelvideo.rtsp.rtp.RtpTrack;
import org.camelvideo.rtsp.support.Clip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.rtsp.rtp.Packets.bytes;
import static org.camelvideo.rtsp.rtp.Packets.concat;
import static org.camelvideo.rtsp.rtp.Packets.filled;
import static org.camelvideo.rtsp.rtp.Packets.payload;

/** RFC 6184 packetization, byte for byte, and the round trip through the depacketizer on real x264 output. */
class H264PacketizerTest {

    private static final byte[] SC = { 0, 0, 0, 1 };
    private static final CodecConfig X264 = Clip.hd(30, 10).video().get(0).config();
    private static final byte[] SPS = X264.sps();
    private static final byte[] PPS = X264.pps();
    private static final byte[] AUD = bytes(0x09, 0xf0);

    private final RtpTrack track = new RtpTrack(96, 90_000);

    private List<byte[]> packetize(int maxPayload, byte[] au, CodecConfig config) {
        return Packets.packetize(track, 0, w -> new H264Packetizer(maxPayload).packetize(au, config, w));
    }

    @Test
    void nalUnitThatFitsGoesAlone() {
        byte[] slice = filled(100, 0x41);
        List<byte[]> p = packetize(100, concat(SC, slice), null);
        assertThat(p).hasSize(1);
        assertThat(payload(p.get(0))).isEqualTo(slice);
        assertThat(Packets.marker(p.get(0))).isTrue();
    }

    @Test
    void fuABoundaries() {
        byte[] slice = filled(101, 0x65);
        List<byte[]> p = packetize(100, concat(SC, slice), null);
        assertThat(p).hasSize(2);
        byte[] first = payload(p.get(0));
        byte[] last = payload(p.get(1));
        assertThat(first).hasSize(100);
        assertThat(first[0] & 0xff).as("FU indicator: NRI of the unit, type 28").isEqualTo(0x60 | 28);
        assertThat(first[1] & 0xff).as("FU header: start, type 5").isEqualTo(0x80 | 5);
        assertThat(last[0] & 0xff).isEqualTo(0x60 | 28);
        assertThat(last[1] & 0xff).as("FU header: end, type 5").isEqualTo(0x40 | 5);
        assertThat(last).hasSize(2 + 100 - 98);
        assertThat(Packets.marker(p.get(0))).isFalse();
        assertThat(Packets.marker(p.get(1))).isTrue();
        byte[] rebuilt = concat(new byte[] { slice[0] }, java.util.Arrays.copyOfRange(first, 2, first.length),
                                java.util.Arrays.copyOfRange(last, 2, last.length));
        assertThat(rebuilt).isEqualTo(slice);
        assertThat(Packets.sequence(p.get(1))).isEqualTo((Packets.sequence(p.get(0)) + 1) & 0xffff);
    }

    @Test
    void fuAMiddleFragmentsCarryNeitherStartNorEnd() {
        byte[] slice = filled(1000, 0x41);
        List<byte[]> p = packetize(300, concat(SC, slice), null);
        assertThat(p).hasSize(4);
        assertThat(payload(p.get(1))[1] & 0xff).isEqualTo(1);
        assertThat(payload(p.get(2))[1] & 0xff).isEqualTo(1);
        int total = 0;
        for (byte[] packet : p) {
            total += payload(packet).length - 2;
        }
        assertThat(total).isEqualTo(999);
    }

    @Test
    void smallUnitsAggregateInStapA() {
        byte[] sei = bytes(0x06, 0x05, 0x01, 0x80);
        byte[] slice = filled(40, 0x41);
        List<byte[]> p = packetize(1400, concat(SC, sei, SC, slice), null);
        assertThat(p).hasSize(1);
        assertThat(payload(p.get(0))).isEqualTo(concat(bytes(0x40 | 24, 0, 4), sei, bytes(0, 40), slice));
    }

    @Test
    void keyframeGetsParameterSetsOnceBeforeItsFirstSliceEvenWhenRepeatedPerSlice() {
        byte[] sei = bytes(0x06, 0x05, 0x01, 0x80);
        byte[] idr1 = filled(2000, 0x65);
        byte[] idr2 = filled(1500, 0x65);
        idr2[1] = 0x11; // first_mb_in_slice != 0
        byte[] au = concat(SC, AUD, SC, SPS, SC, PPS, SC, sei, SC, SPS, SC, PPS, SC, idr1, SC, SPS, SC, PPS, SC, idr2);
        List<byte[]> p = packetize(1400, au, X264);
        // STAP-A(SEI, SPS, PPS), FU-A x2 for the first slice, FU-A x2 for the second: nothing else.
        assertThat(p).hasSize(5);
        assertThat(payload(p.get(0))).isEqualTo(concat(bytes(0x60 | 24, 0, 4), sei, bytes(0, SPS.length), SPS,
                                                       bytes(0, PPS.length), PPS));
        for (int i = 1; i < 5; i++) {
            assertThat(payload(p.get(i))[0] & 0x1f).isEqualTo(28);
            assertThat(payload(p.get(i))[1] & 0x1f).isEqualTo(5);
        }
        assertThat(Packets.marker(p.get(4))).isTrue();
    }

    @Test
    void nonKeyframeLosesItsDelimiterOnly() {
        byte[] slice = filled(50, 0x41);
        List<byte[]> p = packetize(1400, concat(SC, AUD, SC, slice), X264);
        assertThat(p).hasSize(1);
        assertThat(payload(p.get(0))).isEqualTo(slice);
    }

    @Test
    void realX264MultiSliceStreamRoundTripsWithOneParameterSetPerKeyframe() {
        Clip clip = Clip.hd(30, 10);
        List<byte[]> received = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        H264Depacketizer depacketizer = new H264Depacketizer(1 << 22, (au, ts, key) -> {
            received.add(au);
            keys.add(key);
        });
        int multiSliceKeyframes = 0;
        for (MediaPacket packet : clip.video().subList(0, 90)) {
            for (byte[] rtp : packetize(1400, packet.payload(), packet.config())) {
                Packets.receive(rtp, depacketizer);
            }
            if (packet.isKeyframe() && countTypes(packet.payload(), H264NalType.IDR_SLICE) > 1) {
                multiSliceKeyframes++;
            }
        }
        assertThat(multiSliceKeyframes).as("x264 cut its keyframes in slices").isPositive();
        assertThat(received).hasSize(90);
        for (int i = 0; i < 90; i++) {
            MediaPacket sent = clip.video().get(i);
            assertThat(keys.get(i)).isEqualTo(sent.isKeyframe());
            assertThat(received.get(i)).isEqualTo(ParameterSetPlacement.normalize(sent.payload(), sent.config()));
            if (sent.isKeyframe()) {
                List<byte[]> units = AnnexB.split(received.get(i));
                assertThat(countTypes(received.get(i), H264NalType.SPS)).isEqualTo(1);
                assertThat(countTypes(received.get(i), H264NalType.PPS)).isEqualTo(1);
                int sps = indexOfType(units, H264NalType.SPS);
                assertThat(sps).isLessThan(indexOfType(units, H264NalType.IDR_SLICE));
            }
        }
    }

    private static int countTypes(byte[] au, int type) {
        int[] n = { 0 };
        AnnexB.forEachNalUnit(au, (b, o, l) -> n[0] += H264NalType.of(b[o]) == type ? 1 : 0);
        return n[0];
    }

    private static int indexOfType(List<byte[]> units, int type) {
        for (int i = 0; i < units.size(); i++) {
            if (H264NalType.of(units.get(i)[0]) == type) {
                return i;
            }
        }
        return -1;
    }
}
