package org.camelvideo.media.h264;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.CodecConfig;

/**
 * The AVCDecoderConfigurationRecord of ISO/IEC 14496-15 5.3.3.1: SPS and PPS in the form the
 * RTMP/FLV AVC sequence header and the MP4 avcC box carry, with four-byte NAL lengths.
 */
public final class AvcDecoderConfigurationRecord {

    private final List<byte[]> sps;
    private final List<byte[]> pps;
    private final int lengthSize;

    public AvcDecoderConfigurationRecord(List<byte[]> sps, List<byte[]> pps, int lengthSize) {
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new IllegalArgumentException("An AVC configuration needs at least one SPS and one PPS");
        }
        this.sps = List.copyOf(sps);
        this.pps = List.copyOf(pps);
        this.lengthSize = lengthSize;
    }

    public static AvcDecoderConfigurationRecord of(CodecConfig config) {
        return new AvcDecoderConfigurationRecord(List.of(config.sps()), List.of(config.pps()), 4);
    }

    public List<byte[]> sps() {
        return sps;
    }

    public List<byte[]> pps() {
        return pps;
    }

    /** Bytes of each NAL length in the samples this record describes. */
    public int lengthSize() {
        return lengthSize;
    }

    public CodecConfig toCodecConfig() {
        return CodecConfig.h264(sps.get(0), pps.get(0));
    }

    public byte[] encode() {
        int size = 7;
        for (byte[] s : sps) {
            size += 2 + s.length;
        }
        for (byte[] p : pps) {
            size += 2 + p.length;
        }
        byte[] out = new byte[size];
        byte[] first = sps.get(0);
        out[0] = 1;
        out[1] = first[1];
        out[2] = first[2];
        out[3] = first[3];
        out[4] = (byte) (0xfc | (lengthSize - 1));
        out[5] = (byte) (0xe0 | sps.size());
        int pos = writeSets(out, 6, sps);
        out[pos++] = (byte) pps.size();
        writeSets(out, pos, pps);
        return out;
    }

    private static int writeSets(byte[] out, int pos, List<byte[]> sets) {
        for (byte[] s : sets) {
            out[pos++] = (byte) (s.length >>> 8);
            out[pos++] = (byte) s.length;
            System.arraycopy(s, 0, out, pos, s.length);
            pos += s.length;
        }
        return pos;
    }

    /**
     * @throws IllegalArgumentException when the record is not version 1 or is truncated
     */
    public static AvcDecoderConfigurationRecord parse(byte[] data, int offset, int length) {
        int end = offset + length;
        if (length < 7 || data[offset] != 1) {
            throw new IllegalArgumentException("Not an AVCDecoderConfigurationRecord (version 1)");
        }
        int lengthSize = (data[offset + 4] & 3) + 1;
        int[] pos = { offset + 5 };
        List<byte[]> sps = readSets(data, pos, end, data[pos[0]++] & 0x1f);
        if (pos[0] >= end) {
            throw new IllegalArgumentException("AVCDecoderConfigurationRecord ends before its PPS count");
        }
        List<byte[]> pps = readSets(data, pos, end, data[pos[0]++] & 0xff);
        return new AvcDecoderConfigurationRecord(sps, pps, lengthSize);
    }

    private static List<byte[]> readSets(byte[] data, int[] pos, int end, int count) {
        List<byte[]> sets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (pos[0] + 2 > end) {
                throw new IllegalArgumentException("AVCDecoderConfigurationRecord truncated");
            }
            int len = ((data[pos[0]] & 0xff) << 8) | (data[pos[0] + 1] & 0xff);
            pos[0] += 2;
            if (pos[0] + len > end) {
                throw new IllegalArgumentException("AVCDecoderConfigurationRecord truncated");
            }
            byte[] set = new byte[len];
            System.arraycopy(data, pos[0], set, 0, len);
            pos[0] += len;
            sets.add(set);
        }
        return sets;
    }
}
