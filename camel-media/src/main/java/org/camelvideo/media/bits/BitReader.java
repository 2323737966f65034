package org.camelvideo.media.bits;

/**
 * Reads an H.264/H.265 RBSP bit by bit: emulation-prevention bytes (00 00 03) are skipped as
 * they are met, so callers see the payload the specification describes.
 */
public final class BitReader {

    private final byte[] data;
    private final int end;
    private int pos;
    private int bit;
    private int zeros;

    public BitReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int readBit() {
        if (pos >= end) {
            throw new IllegalArgumentException("Bitstream ends early, at byte " + pos);
        }
        int b = (data[pos] >> (7 - bit)) & 1;
        if (++bit == 8) {
            bit = 0;
            advance();
        }
        return b;
    }

    private void advance() {
        zeros = data[pos] == 0 ? zeros + 1 : 0;
        pos++;
        if (zeros >= 2 && pos < end && data[pos] == 3) {
            pos++;
            zeros = 0;
        }
    }

    public int readBits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    public boolean readFlag() {
        return readBit() == 1;
    }

    public void skipBits(int n) {
        for (int i = 0; i < n; i++) {
            readBit();
        }
    }

    /** Unsigned Exp-Golomb ue(v). */
    public int readUE() {
        int leadingZeros = 0;
        while (readBit() == 0) {
            if (++leadingZeros > 31) {
                throw new IllegalArgumentException("Exp-Golomb code longer than 32 bits at byte " + pos);
            }
        }
        if (leadingZeros == 0) {
            return 0;
        }
        long value = (1L << leadingZeros) - 1 + readBits(leadingZeros);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Exp-Golomb value out of range at byte " + pos);
        }
        return (int) value;
    }

    /** Signed Exp-Golomb se(v). */
    public int readSE() {
        int k = readUE();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
