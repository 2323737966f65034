package org.camelvideo.media.annexb;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Annex-B byte streams of H.264 or H.265 (NAL units behind 00 00 01 or 00 00 00 01 start codes)
 * and their conversion to and from length-prefixed NAL units (AVCC, HVCC), the form RTMP/FLV and
 * MP4 carry. Nothing here depends on the codec.
 */
public final class AnnexB {

    private static final byte[] START_CODE = { 0, 0, 0, 1 };

    /** Receives one NAL unit as a range of the scanned array, start code excluded. */
    @FunctionalInterface
    public interface NalUnitVisitor {
        void visit(byte[] buffer, int offset, int length);
    }

    private AnnexB() {
    }

    /**
     * Calls the visitor for each NAL unit of {@code data}, without copying. Bytes before the
     * first start code are ignored; trailing zero bytes of a unit belong to the next start code.
     */
    public static void forEachNalUnit(byte[] data, int offset, int length, NalUnitVisitor visitor) {
        int end = offset + length;
        int start = findStartCode(data, offset, end);
        while (start >= 0) {
            int payload = start + 3;
            int next = findStartCode(data, payload, end);
            int unitEnd = next < 0 ? end : next;
            while (unitEnd > payload && data[unitEnd - 1] == 0) {
                unitEnd--;
            }
            if (unitEnd > payload) {
                visitor.visit(data, payload, unitEnd - payload);
            }
            start = next;
        }
    }

    public static void forEachNalUnit(byte[] data, NalUnitVisitor visitor) {
        forEachNalUnit(data, 0, data.length, visitor);
    }

    /**
     * Position of the next 00 00 01 at or after {@code from}, or -1. A third byte above 1 rules
     * out a start code at all three positions, so the scan moves three on; compared unsigned,
     * since half of all slice data is 0x80-0xFF. Publishing spends most of its CPU here.
     */
    static int findStartCode(byte[] data, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            int third = data[i + 2] & 0xff;
            if (third > 1) {
                i += 3;
            } else if (third == 1 && data[i + 1] == 0 && data[i] == 0) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The NAL units of {@code data}, each copied out without its start code. */
    public static List<byte[]> split(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        forEachNalUnit(data, (buf, off, len) -> {
            byte[] unit = new byte[len];
            System.arraycopy(buf, off, unit, 0, len);
            units.add(unit);
        });
        return units;
    }

    /** NAL units joined behind four-byte start codes. */
    public static byte[] join(List<byte[]> units) {
        int size = 0;
        for (byte[] u : units) {
            size += START_CODE.length + u.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] u : units) {
            System.arraycopy(START_CODE, 0, out, pos, START_CODE.length);
            pos += START_CODE.length;
            System.arraycopy(u, 0, out, pos, u.length);
            pos += u.length;
        }
        return out;
    }

    /** The same NAL units, each behind a four-byte big-endian length instead of a start code. */
    public static byte[] toAvcc(byte[] annexB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(annexB.length + 16);
        forEachNalUnit(annexB, (buf, off, len) -> {
            out.write(len >>> 24);
            out.write(len >>> 16);
            out.write(len >>> 8);
            out.write(len);
            out.write(buf, off, len);
        });
        return out.toByteArray();
    }

    /**
     * Length-prefixed NAL units ({@code lengthSize} 1, 2 or 4 bytes each) to Annex-B.
     *
     * @throws IllegalArgumentException when a length runs past the end of the data
     */
    public static byte[] fromAvcc(byte[] avcc, int offset, int length, int lengthSize) {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("NAL length size must be 1, 2 or 4, got " + lengthSize);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (pos + lengthSize > end) {
                throw new IllegalArgumentException("Truncated NAL length at byte " + (pos - offset));
            }
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = (n << 8) | (avcc[pos++] & 0xff);
            }
            if (n > end - pos) {
                throw new IllegalArgumentException("NAL unit of " + n + " bytes runs past the end at byte " + (pos - offset));
            }
            out.write(START_CODE, 0, START_CODE.length);
            out.write(avcc, pos, (int) n);
            pos += (int) n;
        }
        return out.toByteArray();
    }
}
