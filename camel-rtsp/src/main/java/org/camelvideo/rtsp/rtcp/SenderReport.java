package org.camelvideo.rtsp.rtcp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.camelvideo.rtsp.rtp.RtpTrack;

/**
 * An RTCP compound packet of a sender report and an SDES CNAME (RFC 3550 6.4.1 and 6.5): it ties
 * the track's RTP clock to wall-clock time, which players use to line audio up with video.
 */
public final class SenderReport {

    public static final int SR = 200;
    public static final int RR = 201;
    private static final int SDES = 202;
    /** Seconds from 1900 (NTP) to 1970 (Unix). */
    private static final long NTP_OFFSET = 2_208_988_800L;

    private SenderReport() {
    }

    /** Writes the compound packet for {@code track} at wall-clock {@code nowMillis}. */
    public static void write(RtpTrack track, long nowMillis, long nowNanos, String cname, ByteBuf out) {
        out.writeByte(0x80);
        out.writeByte(SR);
        out.writeShort(6);
        out.writeInt(track.ssrc());
        long seconds = nowMillis / 1000 + NTP_OFFSET;
        long fraction = ((nowMillis % 1000) << 32) / 1000;
        out.writeInt((int) seconds);
        out.writeInt((int) fraction);
        out.writeInt((int) track.timestampNow(nowNanos));
        out.writeInt((int) track.packets());
        out.writeInt((int) track.octets());

        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        int itemLength = 2 + Math.min(name.length, 255);
        int chunk = 4 + itemLength + 1;
        int padded = (chunk + 3) & ~3;
        out.writeByte(0x81);
        out.writeByte(SDES);
        out.writeShort(padded / 4);
        out.writeInt(track.ssrc());
        out.writeByte(1);
        out.writeByte(itemLength - 2);
        out.writeBytes(name, 0, itemLength - 2);
        out.writeZero(padded - chunk + 1);
    }

    /** Bytes {@link #write} produces for a CNAME. */
    public static int length(String cname) {
        int chunk = 4 + 2 + Math.min(cname.length(), 255) + 1;
        return 28 + 4 + ((chunk + 3) & ~3);
    }

    /** Whether {@code buf} starts an RTCP packet (types 200-204), for keepalive accounting. */
    public static boolean isRtcp(ByteBuf buf) {
        if (buf.readableBytes() < 4) {
            return false;
        }
        int type = buf.getUnsignedByte(buf.readerIndex() + 1);
        return buf.getUnsignedByte(buf.readerIndex()) >>> 6 == 2 && type >= SR && type <= 204;
    }
}
