package org.camelvideo.media.h264;

import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.CodecConfig;

/** What can be read off one Annex-B H.264 access unit without decoding it. */
public final class H264AccessUnit {

    private H264AccessUnit() {
    }

    /** Whether the access unit holds an IDR slice. */
    public static boolean isKeyframe(byte[] annexB) {
        boolean[] idr = { false };
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> idr[0] |= H264NalType.of(buf[off]) == H264NalType.IDR_SLICE);
        return idr[0];
    }

    /**
     * The SPS and PPS carried in-band by the access unit, or null when it lacks either. The
     * last of each wins, as it would for a decoder reading the stream.
     */
    public static CodecConfig parameterSets(byte[] annexB) {
        byte[][] sets = new byte[2][];
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> {
            int type = H264NalType.of(buf[off]);
            if (type == H264NalType.SPS || type == H264NalType.PPS) {
                byte[] unit = new byte[len];
                System.arraycopy(buf, off, unit, 0, len);
                sets[type == H264NalType.SPS ? 0 : 1] = unit;
            }
        });
        return sets[0] == null || sets[1] == null ? null : CodecConfig.h264(sets[0], sets[1]);
    }
}
