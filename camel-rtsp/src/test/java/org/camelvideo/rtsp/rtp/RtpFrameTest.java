package org.camelvideo.rtsp.rtp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The RTP header and interleaved layout, byte for byte. */
class RtpFrameTest {

    @Test
    void headerFieldsSequenceAndMarker() {
        RtpTrack track = new RtpTrack(96, 90_000);
        int seq = track.nextSequence();
        long ts = track.timestampOf(1_000_000);
        List<byte[]> packets = Packets.packetize(track, ts, w -> {
            for (int i = 0; i < 3; i++) {
                w.begin(i == 2);
                w.payload().writeByte(0x41 + i);
                w.end();
            }
        });
        assertThat(packets).hasSize(3);
        for (int i = 0; i < 3; i++) {
            byte[] p = packets.get(i);
            assertThat(p).hasSize(13);
            assertThat(p[0] & 0xff).isEqualTo(0x80);
            assertThat(p[1] & 0x7f).isEqualTo(96);
            assertThat(Packets.marker(p)).isEqualTo(i == 2);
            assertThat(Packets.sequence(p)).isEqualTo((seq + i) & 0xffff);
            assertThat(((p[4] & 0xffL) << 24) | ((p[5] & 0xff) << 16) | ((p[6] & 0xff) << 8) | (p[7] & 0xff)).isEqualTo(ts);
            assertThat(((p[8] & 0xff) << 24) | ((p[9] & 0xff) << 16) | ((p[10] & 0xff) << 8) | (p[11] & 0xff))
                    .isEqualTo(track.ssrc());
            assertThat(p[12]).isEqualTo((byte) (0x41 + i));
        }
        assertThat(track.packets()).isEqualTo(3);
        assertThat(track.octets()).isEqualTo(3);
    }

    @Test
    void timestampsFollowPresentationTimeAtTheClockRate() {
        RtpTrack track = new RtpTrack(96, 90_000);
        assertThat((track.timestampOf(1_000_000) - track.timestampOf(0)) & 0xffff_ffffL).isEqualTo(90_000);
        assertThat((track.timestampOf(33_333) - track.timestampOf(0)) & 0xffff_ffffL).isEqualTo(2999);
    }

    @Test
    void interleavedLayoutIsSharedOrRewrittenForAnotherChannel() {
        RtpTrack track = new RtpTrack(97, 44_100);
        RtpFrameWriter w = new RtpFrameWriter(track, 1, 1234, 16, UnpooledByteBufAllocator.DEFAULT);
        w.begin(true);
        w.payload().writeBytes(new byte[] { 9, 8, 7 });
        w.end();
        RtpFrame frame = w.finish(true);
        ByteBuf same = frame.interleaved(2, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf other = frame.interleaved(6, UnpooledByteBufAllocator.DEFAULT);
        byte[] a = ByteBufUtil.getBytes(same);
        byte[] b = ByteBufUtil.getBytes(other);
        assertThat(a[0]).isEqualTo((byte) '$');
        assertThat(a[1]).isEqualTo((byte) 2);
        assertThat(((a[2] & 0xff) << 8) | (a[3] & 0xff)).isEqualTo(15);
        assertThat(b[1]).isEqualTo((byte) 6);
        assertThat(b).hasSize(a.length);
        assertThat(frame.refCnt()).isEqualTo(1);
        same.release();
        other.release();
        frame.release();
        assertThat(frame.refCnt()).isZero();
    }
}
