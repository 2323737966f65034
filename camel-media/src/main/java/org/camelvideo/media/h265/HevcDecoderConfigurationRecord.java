package org.camelvideo.media.h265;

import java.io.ByteArrayOutputStream;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;

/**
 * The HEVCDecoderConfigurationRecord of ISO/IEC 14496-15 8.3.3.1, as MP4's {@code hvcC} box and
 * Enhanced RTMP's HEVC sequence start carry it: the profile, tier and level of the SPS, then
 * arrays of VPS, SPS and PPS NAL units. NAL units that follow it are prefixed with their length
 * in {@link #lengthSize()} bytes.
 */
public final class HevcDecoderConfigurationRecord {

    private static final int LENGTH_SIZE = 4;
    private static final int FIXED_BYTES = 23;

    private final CodecConfig config;
    private final int lengthSize;

    private HevcDecoderConfigurationRecord(CodecConfig config, int lengthSize) {
        this.config = config;
        this.lengthSize = lengthSize;
    }

    /** A record for these parameter sets, with four-byte NAL unit lengths. */
    public static HevcDecoderConfigurationRecord of(CodecConfig config) {
        if (config.codec() != Codec.H265) {
            throw new IllegalArgumentException("An HEVC configuration record needs H.265 parameter sets, not " + config.codec());
        }
        return new HevcDecoderConfigurationRecord(config, LENGTH_SIZE);
    }

    public CodecConfig toCodecConfig() {
        return config;
    }

    /** Bytes in the length prefix of each NAL unit that follows the record. */
    public int lengthSize() {
        return lengthSize;
    }

    public byte[] encode() {
        H265Sps sps = H265Sps.parse(config.sps());
        ByteArrayOutputStream out = new ByteArrayOutputStream(FIXED_BYTES + 3 * 5 + config.vps().length + config.sps().length
                                                              + config.pps().length);
        out.write(1); // configurationVersion
        out.writeBytes(sps.generalProfileTierLevel());
        out.write(0xf0); // reserved, min_spatial_segmentation_idc 0
        out.write(0x00);
        out.write(0xfc); // reserved, parallelismType 0 (unknown)
        out.write(0xfc | sps.chromaFormatIdc());
        out.write(0xf8 | sps.bitDepthLumaMinus8());
        out.write(0xf8 | sps.bitDepthChromaMinus8());
        out.write(0); // avgFrameRate 0 (unspecified)
        out.write(0);
        out.write((sps.maxSubLayersMinus1() + 1) << 3 | (sps.temporalIdNesting() ? 1 : 0) << 2 | (lengthSize - 1));
        out.write(3); // numOfArrays
        writeArray(out, H265NalType.VPS, config.vps());
        writeArray(out, H265NalType.SPS, config.sps());
        writeArray(out, H265NalType.PPS, config.pps());
        return out.toByteArray();
    }

    private static void writeArray(ByteArrayOutputStream out, int type, byte[] nal) {
        out.write(0x80 | type); // array_completeness: every one of this type is here
        out.write(0);
        out.write(1); // numNalus
        out.write(nal.length >> 8);
        out.write(nal.length & 0xff);
        out.writeBytes(nal);
    }

    /**
     * Reads a record; the first VPS, SPS and PPS of its arrays make the configuration.
     *
     * @throws IllegalArgumentException when it is truncated, of another version, or lacks a parameter set
     */
    public static HevcDecoderConfigurationRecord parse(byte[] data, int offset, int length) {
        int end = offset + length;
        if (length < FIXED_BYTES || data[offset] != 1) {
            throw new IllegalArgumentException("Not an HEVCDecoderConfigurationRecord (version 1, 23 bytes at least): "
                                               + length + " bytes");
        }
        int lengthSize = (data[offset + 21] & 0x03) + 1;
        if (lengthSize == 3) {
            throw new IllegalArgumentException("HEVC NAL unit length size of 3 bytes is not allowed");
        }
        int arrays = data[offset + 22] & 0xff;
        byte[][] sets = new byte[3][];
        int pos = offset + FIXED_BYTES;
        for (int a = 0; a < arrays; a++) {
            require(pos + 3 <= end);
            int type = data[pos] & 0x3f;
            int count = (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff);
            pos += 3;
            for (int n = 0; n < count; n++) {
                require(pos + 2 <= end);
                int size = (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
                pos += 2;
                require(pos + size <= end);
                int index = type - H265NalType.VPS;
                if (index >= 0 && index < 3 && sets[index] == null) {
                    byte[] nal = new byte[size];
                    System.arraycopy(data, pos, nal, 0, size);
                    sets[index] = nal;
                }
                pos += size;
            }
        }
        if (sets[0] == null || sets[1] == null || sets[2] == null) {
            throw new IllegalArgumentException("The HEVCDecoderConfigurationRecord lacks a VPS, an SPS or a PPS");
        }
        return new HevcDecoderConfigurationRecord(CodecConfig.h265(sets[0], sets[1], sets[2]), lengthSize);
    }

    private static void require(boolean inside) {
        if (!inside) {
            throw new IllegalArgumentException("The HEVCDecoderConfigurationRecord is truncated");
        }
    }
}
