package org.camelvideo.rtsp.rtp.aac;

import io.netty.buffer.ByteBuf;
import org.camelvideo.rtsp.rtp.RtpFrameWriter;

/**
 * RFC 3640 AAC-hbr packetization: one raw AAC frame per packet behind a 16-bit AU-headers-length
 * and one AU-header of a 13-bit size and a 3-bit index (sizelength=13; indexlength=3). A frame
 * longer than one packet is split in fragments that each repeat the AU-header with the whole
 * size, as section 3.2.3 allows; the marker goes on the last fragment.
 */
public final class AacPacketizer {

    static final int AU_HEADER_SECTION = 4;
    /** The largest AU size the 13-bit field can give. */
    public static final int MAX_FRAME = (1 << 13) - 1;

    private final int maxPayload;

    public AacPacketizer(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    public void packetize(byte[] frame, RtpFrameWriter out) {
        if (frame.length > MAX_FRAME) {
            throw new IllegalArgumentException("AAC frame of " + frame.length + " bytes is longer than RFC 3640's "
                                               + MAX_FRAME + "-byte AU size");
        }
        int chunk = maxPayload - AU_HEADER_SECTION;
        int pos = 0;
        do {
            int n = Math.min(chunk, frame.length - pos);
            out.begin(pos + n == frame.length);
            ByteBuf p = out.payload();
            p.writeShort(16);
            p.writeShort(frame.length << 3);
            p.writeBytes(frame, pos, n);
            out.end();
            pos += n;
        } while (pos < frame.length);
    }
}
