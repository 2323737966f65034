package org.camelvideo.rtmp.peers;

import java.util.Arrays;
import java.util.Random;

/**
 * Fuzz inputs from valid ones: flipped bits, random bytes, cut or repeated runs, boundaries
 * (0x00, 0xFF, 0x7F) written over fields. Seeded, so a failure names an input that can be made
 * again.
 */
public final class Mutator {

    private static final byte[] INTERESTING = { 0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, 3, 0x3F, 0x40 };

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0:
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) random.nextInt(256);
                    break;
                case 2:
                    b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 3:
                    b = Arrays.copyOf(b, at);
                    break;
                case 4:
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] grown = new byte[b.length + len];
                    System.arraycopy(b, 0, grown, 0, at + len);
                    System.arraycopy(b, at, grown, at + len, b.length - at);
                    b = grown;
                    break;
                default:
                    int n = Math.min(b.length - at, 4);
                    for (int k = 0; k < n; k++) {
                        b[at + k] = (byte) 0xFF;
                    }
                    break;
            }
        }
        return b;
    }

    /** Purely random bytes, for the inputs nothing valid resembles. */
    public byte[] noise(int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(b);
        return b;
    }
}
