package org.camelvideo.media.h265;

import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.annexb.AnnexB;

/** What can be read off one Annex-B H.265 access unit without decoding it. */
public final class H265AccessUnit {

    private H265AccessUnit() {
    }

    /** Whether the access unit holds an IRAP picture (IDR, CRA or BLA). */
    public static boolean isKeyframe(byte[] annexB) {
        boolean[] irap = { false };
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> irap[0] |= len >= 2 && H265NalType.isIrap(H265NalType.of(buf[off])));
        return irap[0];
    }

    /**
     * The VPS, SPS and PPS carried in-band by the access unit, or null when it lacks any of them.
     * The last of each wins, as it would for a decoder reading the stream.
     */
    public static CodecConfig parameterSets(byte[] annexB) {
        byte[][] sets = new byte[3][];
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> {
            int index = len < 2 ? -1 : H265NalType.of(buf[off]) - H265NalType.VPS;
            if (index >= 0 && index < 3) {
                byte[] unit = new byte[len];
                System.arraycopy(buf, off, unit, 0, len);
                sets[index] = unit;
            }
        });
        return sets[0] == null || sets[1] == null || sets[2] == null ? null : CodecConfig.h265(sets[0], sets[1], sets[2]);
    }
}
