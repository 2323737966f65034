package org.camelvideo.media;

import java.util.List;

import org.camelvideo.media.h264.H264AccessUnit;
import org.camelvideo.media.h265.H265AccessUnit;

/**
 * What can be read off an Annex-B access unit of H.264 or H.265 without decoding it, for code
 * that carries either codec; and the parameter sets put in front of one.
 */
public final class VideoAccessUnits {

    private static final int START_CODE = 4;

    private VideoAccessUnits() {
    }

    /** Whether a decoder can start on it: an IDR picture (H.264) or an IRAP picture (H.265). */
    public static boolean isKeyframe(Codec codec, byte[] annexB) {
        return codec == Codec.H265 ? H265AccessUnit.isKeyframe(annexB) : H264AccessUnit.isKeyframe(annexB);
    }

    /** The parameter sets it carries in-band, or null when it lacks any. */
    public static CodecConfig parameterSets(Codec codec, byte[] annexB) {
        return codec == Codec.H265 ? H265AccessUnit.parameterSets(annexB) : H264AccessUnit.parameterSets(annexB);
    }

    /** {@code accessUnit} with the parameter sets of {@code config} in front, each behind a start code. */
    public static byte[] withParameterSets(CodecConfig config, byte[] accessUnit) {
        List<byte[]> sets = config.parameterSetUnits();
        int length = accessUnit.length;
        for (byte[] set : sets) {
            length += START_CODE + set.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] set : sets) {
            out[pos + START_CODE - 1] = 1;
            System.arraycopy(set, 0, out, pos + START_CODE, set.length);
            pos += START_CODE + set.length;
        }
        System.arraycopy(accessUnit, 0, out, pos, accessUnit.length);
        return out;
    }
}
