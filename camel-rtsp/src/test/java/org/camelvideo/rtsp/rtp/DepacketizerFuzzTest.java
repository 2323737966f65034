package org.camelvideo.rtsp.rtp;

import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.camelvideo.rtsp.rtp.aac.AacDepacketizer;
import org.camelvideo.rtsp.rtp.h264.H264Depacketizer;
import org.camelvideo.rtsp.rtp.h265.H265Depacketizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a hostile or broken sender can put in RTP: a million random packets, no exception escapes. */
class DepacketizerFuzzTest {

    @Test
    void randomPacketsNeverThrow() {
        SplittableRandom random = new SplittableRandom(7);
        long[] delivered = { 0 };
        H264Depacketizer h264 = new H264Depacketizer(1 << 16, (au, ts, key) -> delivered[0]++);
        H265Depacketizer h265 = new H265Depacketizer(1 << 16, (au, ts, key) -> delivered[0]++);
        AacDepacketizer aac = new AacDepacketizer(13, 3, 1024, (f, ts, key) -> delivered[0]++);
        int parsed = 0;
        for (int n = 0; n < 1_000_000; n++) {
            byte[] b = new byte[random.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) random.nextInt(256);
            }
            if (b.length > 12) {
                b[0] = (byte) (0x80 | (random.nextInt(4) == 0 ? b[0] & 0x3f : 0));
                // Often a fragmentation unit: FU-A for H.264, FU (type 49) for H.265.
                int kind = random.nextInt(4);
                b[12] = (byte) (kind == 0 ? 0x7c : kind == 1 ? 0x62 : b[12]);
            }
            ByteBuf buf = Unpooled.wrappedBuffer(b);
            RtpPacket p = RtpPacket.parse(buf);
            if (p != null) {
                parsed++;
                assertThat(p.payload().readableBytes()).isLessThanOrEqualTo(b.length - 12);
                h264.packet(p);
                h265.packet(p);
                aac.packet(p);
            }
        }
        assertThat(parsed).isGreaterThan(100_000);
        assertThat(delivered[0]).isPositive();
    }
}
