package org.camelvideo.rtsp.rtp.h264;

import java.util.List;

import io.netty.buffer.ByteBuf;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.h264.H264NalType;
import org.camelvideo.rtsp.rtp.h264.ParameterSetPlacement.NalUnit;
import org.camelvideo.rtsp.rtp.RtpFrameWriter;

/**
 * RFC 6184 packetization mode 1 of one Annex-B access unit: small NAL units aggregated in
 * STAP-A packets, NAL units too big for one packet split in FU-A fragments, the marker bit on
 * the last packet.
 * <p>
 * Parameter sets go once in front of a keyframe's first slice ({@link ParameterSetPlacement}).
 */
public final class H264Packetizer {

    private static final int FU_HEADER = 2;
    private static final int STAP_A_HEADER = 1;
    private static final int STAP_A_LENGTH = 2;

    private final int maxPayload;

    /** @param maxPayload the most payload bytes one RTP packet carries */
    public H264Packetizer(int maxPayload) {
        if (maxPayload < 64) {
            throw new IllegalArgumentException("RTP payload size must be at least 64 bytes, got " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /**
     * @param config the parameter sets to put in front of a keyframe's first slice, or null to
     *               leave whatever the access unit carries
     */
    public void packetize(byte[] accessUnit, CodecConfig config, RtpFrameWriter out) {
        List<NalUnit> units = ParameterSetPlacement.units(accessUnit, config);
        int i = 0;
        while (i < units.size()) {
            NalUnit unit = units.get(i);
            int aggregated = aggregatable(units, i);
            if (aggregated > 1) {
                writeStapA(units.subList(i, i + aggregated), i + aggregated == units.size(), out);
                i += aggregated;
            } else if (unit.length <= maxPayload) {
                out.begin(i == units.size() - 1);
                out.payload().writeBytes(unit.data, unit.offset, unit.length);
                out.end();
                i++;
            } else {
                writeFuA(unit, i == units.size() - 1, out);
                i++;
            }
        }
    }

    /** How many units from {@code from} fit one STAP-A packet (1 when aggregation does not pay). */
    private int aggregatable(List<NalUnit> units, int from) {
        int size = STAP_A_HEADER;
        int n = 0;
        for (int i = from; i < units.size(); i++) {
            int next = size + STAP_A_LENGTH + units.get(i).length;
            if (next > maxPayload) {
                break;
            }
            size = next;
            n++;
        }
        return n;
    }

    private static void writeStapA(List<NalUnit> units, boolean last, RtpFrameWriter out) {
        int nri = 0;
        for (NalUnit u : units) {
            nri = Math.max(nri, u.data[u.offset] & 0x60);
        }
        out.begin(last);
        ByteBuf p = out.payload();
        p.writeByte(nri | H264NalType.STAP_A);
        for (NalUnit u : units) {
            p.writeShort(u.length);
            p.writeBytes(u.data, u.offset, u.length);
        }
        out.end();
    }

    private void writeFuA(NalUnit unit, boolean lastUnit, RtpFrameWriter out) {
        byte header = unit.data[unit.offset];
        int indicator = (header & 0xe0) | H264NalType.FU_A;
        int pos = unit.offset + 1;
        int end = unit.offset + unit.length;
        int chunk = maxPayload - FU_HEADER;
        boolean first = true;
        while (pos < end) {
            int n = Math.min(chunk, end - pos);
            boolean last = pos + n == end;
            out.begin(last && lastUnit);
            ByteBuf p = out.payload();
            p.writeByte(indicator);
            p.writeByte((first ? 0x80 : 0) | (last ? 0x40 : 0) | (header & 0x1f));
            p.writeBytes(unit.data, pos, n);
            out.end();
            pos += n;
            first = false;
        }
    }
}
