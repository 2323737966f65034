package org.camelvideo.camera.source;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Draws the built-in test picture in I420, in pure Java: colour bars scrolling left, a white
 * square crossing the picture, and a line with the frame number and the wall-clock time. Every
 * frame differs from the one before, so a viewer can see at a glance that a stream is live and
 * how far behind it is.
 */
final class TestPattern {

    /** BT.601 limited-range Y, U, V of white, yellow, cyan, green, magenta, red, blue, black. */
    private static final int[][] BARS = {
        { 235, 128, 128 }, { 210, 16, 146 }, { 170, 166, 16 }, { 145, 54, 34 },
        { 106, 202, 222 }, { 81, 90, 240 }, { 41, 240, 110 }, { 16, 128, 128 } };

    private static final String GLYPHS = "0123456789:.# ";
    /** 5x7 glyphs, one string of 35 bits per character of {@link #GLYPHS}. */
    private static final String[] FONT = {
        "01110100011001110101110011000101110", "00100011000010000100001000010001110",
        "01110100010000100010001000100011111", "11111000100010000010000011000101110",
        "00010001100101010010111110001000010", "11111100001111000001000011000101110",
        "00110010001000011110100011000101110", "11111000010001000100010000100001000",
        "01110100011000101110100011000101110", "01110100011000101111000010001001100",
        "00000011000110000000011000110000000", "00000000000000000000000000110001100",
        "01010010101111101010111110101001010", "00000000000000000000000000000000000" };
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final int width;
    private final int height;
    private final int chromaWidth;
    private final int chromaHeight;
    /**
     * Each plane's bars repeated row after row with one spare row, so the plane scrolled by any
     * offset is one contiguous range: a frame is a copy of ranges, and the JVM need not zero it
     * first (a fresh frame-sized array costs as much to clear as to fill).
     */
    private final byte[] barsY;
    private final byte[] barsU;
    private final byte[] barsV;
    private final int scale;
    /** Each glyph's luma rows at the picture's text scale, white on black, drawn by row copies. */
    private final byte[][][] glyphRows;

    TestPattern(int width, int height) {
        this.width = width;
        this.height = height;
        this.chromaWidth = (width + 1) / 2;
        this.chromaHeight = (height + 1) / 2;
        int frameSize = width * height + 2 * chromaWidth * chromaHeight;
        barsY = new byte[frameSize + width];
        barsU = new byte[chromaWidth * (chromaHeight + 1)];
        barsV = new byte[barsU.length];
        for (int i = 0; i < barsY.length; i++) {
            barsY[i] = (byte) BARS[bar(i % width)][0];
        }
        for (int i = 0; i < barsU.length; i++) {
            int[] c = BARS[bar((2 * (i % chromaWidth)) % width)];
            barsU[i] = (byte) c[1];
            barsV[i] = (byte) c[2];
        }
        scale = Math.max(1, height / 120);
        glyphRows = new byte[FONT.length][7 * scale][5 * scale];
        for (int g = 0; g < FONT.length; g++) {
            for (int row = 0; row < 7 * scale; row++) {
                for (int col = 0; col < 5 * scale; col++) {
                    boolean on = FONT[g].charAt((row / scale) * 5 + col / scale) == '1';
                    glyphRows[g][row][col] = (byte) (on ? 235 : 16);
                }
            }
        }
    }

    private int bar(int x) {
        return Math.min(BARS.length - 1, x * BARS.length / width);
    }

    /** Frame {@code n} as a fresh I420 array. */
    byte[] draw(long n) {
        int shift = (int) ((n * 4) % width);
        int uOffset = width * height;
        int chromaSize = chromaWidth * chromaHeight;
        byte[] out = Arrays.copyOfRange(barsY, shift, shift + uOffset + 2 * chromaSize);
        System.arraycopy(barsU, shift / 2, out, uOffset, chromaSize);
        System.arraycopy(barsV, shift / 2, out, uOffset + chromaSize, chromaSize);
        int box = Math.max(8, height / 6) & ~1;
        int travel = Math.max(1, width - box);
        int boxX = (int) ((n * 6) % (2L * travel));
        boxX = (boxX < travel ? boxX : 2 * travel - boxX) & ~1;
        fill(out, boxX, height - box - height / 12 & ~1, box, box, 235, 128, 128);
        String text = String.format("#%06d %s", n, LocalTime.now().format(CLOCK));
        int textX = 2 * scale;
        int textY = 2 * scale;
        fill(out, 0, 0, Math.min(width, (text.length() * 6 + 3) * scale) & ~1, Math.min(height, 11 * scale) & ~1, 16, 128, 128);
        for (int i = 0; i < text.length(); i++) {
            drawGlyph(out, GLYPHS.indexOf(text.charAt(i)), textX + i * 6 * scale, textY);
        }
        return out;
    }

    private void fill(byte[] out, int x0, int y0, int w, int h, int y, int u, int v) {
        int x1 = Math.min(width, x0 + w);
        int y1 = Math.min(height, y0 + h);
        for (int row = Math.max(0, y0); row < y1; row++) {
            Arrays.fill(out, row * width + x0, row * width + x1, (byte) y);
        }
        int uOffset = width * height;
        int vOffset = uOffset + chromaWidth * chromaHeight;
        for (int row = Math.max(0, y0) / 2; row < (y1 + 1) / 2; row++) {
            Arrays.fill(out, uOffset + row * chromaWidth + x0 / 2, uOffset + row * chromaWidth + (x1 + 1) / 2, (byte) u);
            Arrays.fill(out, vOffset + row * chromaWidth + x0 / 2, vOffset + row * chromaWidth + (x1 + 1) / 2, (byte) v);
        }
    }

    private void drawGlyph(byte[] out, int glyph, int x0, int y0) {
        if (glyph < 0 || x0 >= width) {
            return;
        }
        byte[][] rows = glyphRows[glyph];
        int length = Math.min(rows[0].length, width - x0);
        for (int row = 0; row < rows.length && y0 + row < height; row++) {
            System.arraycopy(rows[row], 0, out, (y0 + row) * width + x0, length);
        }
    }
}
