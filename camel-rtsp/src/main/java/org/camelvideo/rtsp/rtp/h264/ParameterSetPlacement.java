package org.camelvideo.rtsp.rtp.h264;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h264.H264NalType;

/**
 * Puts the parameter sets of an access unit where players want them: the SPS and PPS once, in
 * front of the first IDR slice, and nowhere else. Some senders (GStreamer's rtph264pay with
 * config-interval=-1, for one) repeat them before every slice of a multi-slice keyframe, which
 * players decode as several half pictures. Access unit delimiters go too: RTP marks the
 * boundaries, and a relay must not carry one sender's delimiters into another's stream.
 */
public final class ParameterSetPlacement {

    private ParameterSetPlacement() {
    }

    /** A NAL unit as a range of some array, start code excluded. */
    public static final class NalUnit {
        final byte[] data;
        final int offset;
        final int length;

        NalUnit(byte[] data, int offset, int length) {
            this.data = data;
            this.offset = offset;
            this.length = length;
        }
    }

    /**
     * The NAL units of {@code accessUnit} in sending order, without copies.
     *
     * @param config the parameter sets to place, or null to leave the access unit's own
     */
    public static List<NalUnit> units(byte[] accessUnit, CodecConfig config) {
        List<NalUnit> units = new ArrayList<>();
        boolean[] placed = { config == null };
        AnnexB.forEachNalUnit(accessUnit, (buf, off, len) -> {
            int type = H264NalType.of(buf[off]);
            if (type == H264NalType.ACCESS_UNIT_DELIMITER
                    || config != null && (type == H264NalType.SPS || type == H264NalType.PPS)) {
                return;
            }
            if (!placed[0] && type == H264NalType.IDR_SLICE) {
                units.add(new NalUnit(config.sps(), 0, config.sps().length));
                units.add(new NalUnit(config.pps(), 0, config.pps().length));
                placed[0] = true;
            }
            units.add(new NalUnit(buf, off, len));
        });
        return units;
    }

    /** The access unit rewritten as Annex-B with four-byte start codes and its parameter sets placed. */
    public static byte[] normalize(byte[] accessUnit, CodecConfig config) {
        List<NalUnit> units = units(accessUnit, config);
        int size = 0;
        for (NalUnit u : units) {
            size += 4 + u.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (NalUnit u : units) {
            out[pos + 3] = 1;
            System.arraycopy(u.data, u.offset, out, pos + 4, u.length);
            pos += 4 + u.length;
        }
        return out;
    }
}
