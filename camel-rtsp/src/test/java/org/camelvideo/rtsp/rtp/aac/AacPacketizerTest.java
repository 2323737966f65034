package org.camelvideo.rtsp.rtp.aac;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.rtp.Packets;
import org.camelvideo.rtsp.rtp.RtpTrack;
import org.camelvideo.rtsp.support.Clip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.rtsp.rtp.Packets.bytes;
import static org.camelvideo.rtsp.rtp.Packets.concat;
import static org.camelvideo.rtsp.rtp.Packets.filled;
import static org.camelvideo.rtsp.rtp.Packets.payload;

/** RFC 3640 AAC-hbr, byte for byte, with several AUs per packet, fragments and loss. */
class AacPacketizerTest {

    private final RtpTrack track = new RtpTrack(97, 44_100);
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final AacDepacketizer depacketizer = new AacDepacketizer(13, 3, 1024, (f, ts, key) -> {
        frames.add(f);
        times.add(ts);
    });

    @Test
    void oneFramePerPacketBehindItsAuHeader() {
        byte[] frame = filled(300, 0x21);
        List<byte[]> p = Packets.packetize(track, 0, w -> new AacPacketizer(1400).packetize(frame, w));
        assertThat(p).hasSize(1);
        assertThat(payload(p.get(0))).isEqualTo(concat(bytes(0x00, 0x10, 300 >> 5, (300 << 3) & 0xff), frame));
        assertThat(Packets.marker(p.get(0))).isTrue();
    }

    @Test
    void longFrameIsFragmentedWithTheWholeSizeInEachHeader() {
        byte[] frame = filled(1000, 0x21);
        List<byte[]> p = Packets.packetize(track, 5000, w -> new AacPacketizer(404).packetize(frame, w));
        assertThat(p).hasSize(3);
        for (byte[] packet : p) {
            assertThat(((payload(packet)[2] & 0xff) << 5) | ((payload(packet)[3] & 0xff) >> 3)).isEqualTo(1000);
        }
        assertThat(Packets.marker(p.get(0))).isFalse();
        assertThat(Packets.marker(p.get(2))).isTrue();
        p.forEach(packet -> Packets.receive(packet, depacketizer));
        assertThat(frames).containsExactly(frame);
    }

    @Test
    void lostFragmentDropsItsFrame() {
        byte[] frame = filled(1000, 0x21);
        List<byte[]> p = Packets.packetize(track, 5000, w -> new AacPacketizer(404).packetize(frame, w));
        List<byte[]> next = Packets.packetize(track, 6024, w -> new AacPacketizer(404).packetize(filled(10, 1), w));
        Packets.receive(p.get(0), depacketizer);
        Packets.receive(p.get(2), depacketizer);
        Packets.receive(next.get(0), depacketizer);
        assertThat(frames).containsExactly(filled(10, 1));
        assertThat(depacketizer.droppedFrames()).isEqualTo(1);
    }

    @Test
    void severalAusInOnePacketGetConsecutiveTimestamps() {
        byte[] a = filled(5, 1);
        byte[] b = filled(7, 2);
        List<byte[]> p = Packets.packetize(track, 90_000, w -> {
            w.begin(true);
            w.payload().writeBytes(bytes(0, 32, 0, 5 << 3, 0, 7 << 3));
            w.payload().writeBytes(a).writeBytes(b);
            w.end();
        });
        Packets.receive(p.get(0), depacketizer);
        assertThat(frames).containsExactly(a, b);
        assertThat(times).containsExactly(90_000L, 91_024L);
    }

    @Test
    void realAacRoundTrips() {
        List<MediaPacket> audio = Clip.hd(30, 10).audio().subList(0, 100);
        for (MediaPacket packet : audio) {
            Packets.packetize(track, 0, w -> new AacPacketizer(1400).packetize(packet.payload(), w))
                    .forEach(p -> Packets.receive(p, depacketizer));
        }
        assertThat(frames).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(frames.get(i)).isEqualTo(audio.get(i).payload());
        }
    }
}
