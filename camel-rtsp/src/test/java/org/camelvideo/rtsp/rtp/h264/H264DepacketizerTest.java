package org.camelvideo.rtsp.rtp.h264;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.rtsp.rtp.Packets;
import org.camelvideo.rtsp.rtp.RtpTrack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.rtsp.rtp.Packets.bytes;
import static org.camelvideo.rtsp.rtp.Packets.concat;
import static org.camelvideo.rtsp.rtp.Packets.filled;

/** Reassembly and loss: a lost packet drops its access unit, never the stream. */
class H264DepacketizerTest {

    private static final byte[] SC = { 0, 0, 0, 1 };

    private final RtpTrack track = new RtpTrack(96, 90_000);
    private final List<byte[]> out = new ArrayList<>();
    private final H264Depacketizer depacketizer = new H264Depacketizer(1 << 20, (au, ts, key) -> out.add(au));

    private List<byte[]> frame(long ts, byte[]... nals) {
        byte[] au = new byte[0];
        for (byte[] n : nals) {
            au = concat(au, SC, n);
        }
        byte[] annexB = au;
        return Packets.packetize(track, ts, w -> new H264Packetizer(200).packetize(annexB, null, w));
    }

    @Test
    void singleStapAAndFuAReassemble() {
        byte[] small1 = filled(30, 0x06);
        byte[] small2 = filled(30, 0x41);
        byte[] big = filled(900, 0x41);
        for (byte[] p : frame(0, small1, small2)) {
            Packets.receive(p, depacketizer);
        }
        for (byte[] p : frame(3000, big)) {
            Packets.receive(p, depacketizer);
        }
        assertThat(out).containsExactly(concat(SC, small1, SC, small2), concat(SC, big));
    }

    @Test
    void lostFragmentDropsThatFrameOnly() {
        List<byte[]> f1 = frame(0, filled(900, 0x65));
        List<byte[]> f2 = frame(3000, filled(900, 0x41));
        List<byte[]> f3 = frame(6000, filled(100, 0x41));
        f1.forEach(p -> Packets.receive(p, depacketizer));
        for (int i = 0; i < f2.size(); i++) {
            if (i != 2) {
                Packets.receive(f2.get(i), depacketizer);
            }
        }
        f3.forEach(p -> Packets.receive(p, depacketizer));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(concat(SC, filled(900, 0x65)));
        assertThat(out.get(1)).isEqualTo(concat(SC, filled(100, 0x41)));
        assertThat(depacketizer.droppedAccessUnits()).isEqualTo(1);
    }

    @Test
    void lostMarkerPacketDropsItsFrameAndTheNextOneIsWhole() {
        List<byte[]> f1 = frame(0, filled(900, 0x41));
        List<byte[]> f2 = frame(3000, filled(50, 0x41));
        f1.subList(0, f1.size() - 1).forEach(p -> Packets.receive(p, depacketizer));
        f2.forEach(p -> Packets.receive(p, depacketizer));
        assertThat(out).containsExactly(concat(SC, filled(50, 0x41)));
    }

    @Test
    void lossAcrossTwoFramesDropsBoth() {
        List<byte[]> f1 = frame(0, filled(900, 0x41));
        List<byte[]> f2 = frame(3000, filled(900, 0x41));
        List<byte[]> f3 = frame(6000, filled(50, 0x41));
        f1.subList(0, f1.size() - 1).forEach(p -> Packets.receive(p, depacketizer));
        f2.subList(1, f2.size()).forEach(p -> Packets.receive(p, depacketizer));
        f3.forEach(p -> Packets.receive(p, depacketizer));
        assertThat(out).containsExactly(concat(SC, filled(50, 0x41)));
        assertThat(depacketizer.droppedAccessUnits()).isEqualTo(2);
    }

    @Test
    void fragmentWithoutStartAndTruncatedStapAAreDropped() {
        RtpTrack t = new RtpTrack(96, 90_000);
        List<byte[]> bad = Packets.packetize(t, 0, w -> {
            w.begin(true);
            w.payload().writeBytes(bytes(0x7c, 0x45, 1, 2, 3)); // FU-A middle/end without start
            w.end();
        });
        List<byte[]> truncated = Packets.packetize(t, 3000, w -> {
            w.begin(true);
            w.payload().writeBytes(bytes(0x78, 0, 9, 0x41, 1)); // STAP-A announcing 9 bytes, giving 2
            w.end();
        });
        List<byte[]> good = Packets.packetize(t, 6000, w -> {
            w.begin(true);
            w.payload().writeBytes(bytes(0x41, 1, 2));
            w.end();
        });
        H264Depacketizer d = new H264Depacketizer(1 << 20, (au, ts, key) -> out.add(au));
        Packets.receive(bad.get(0), d);
        Packets.receive(truncated.get(0), d);
        Packets.receive(good.get(0), d);
        assertThat(out).containsExactly(concat(SC, bytes(0x41, 1, 2)));
        assertThat(d.droppedAccessUnits()).isEqualTo(2);
    }

    @Test
    void accessUnitsOverTheLimitAreDropped() {
        H264Depacketizer d = new H264Depacketizer(500, (au, ts, key) -> out.add(au));
        frame(0, filled(900, 0x41)).forEach(p -> Packets.receive(p, d));
        frame(3000, filled(100, 0x41)).forEach(p -> Packets.receive(p, d));
        assertThat(out).containsExactly(concat(SC, filled(100, 0x41)));
    }
}
