package org.camelvideo.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 digests of the Flash "complex" handshake, which the RTMP 1.0 specification
 * leaves out but Flash Player, FFmpeg and others send: a 32-byte digest hidden in the 1536-byte
 * C1/S1 at an offset derived from four bytes of the packet itself (in one of two schemes), and
 * S2/C2 signed with a key derived from the peer's digest. The keys are the well-known
 * "Genuine Adobe Flash Player/Media Server 001" strings followed by 32 fixed bytes.
 */
public final class HandshakeDigest {

    public static final int PACKET_LENGTH = 1536;
    public static final int DIGEST_LENGTH = 32;

    private static final byte[] KEY_TAIL = {
            (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, 0x4A, (byte) 0x80, 0x68, (byte) 0xBE, (byte) 0xE8, 0x2E, 0x00, (byte) 0xD0,
            (byte) 0xD1, 0x02, (byte) 0x9E, 0x7E, 0x57, 0x6E, (byte) 0xEC, 0x5D, 0x2D, 0x29, (byte) 0x80, 0x6F, (byte) 0xAB,
            (byte) 0x93, (byte) 0xB8, (byte) 0xE6, 0x36, (byte) 0xCF, (byte) 0xEB, 0x31, (byte) 0xAE };
    /** Signs the client's C1 (its first 30 bytes) and derives the C2 key (all of it). */
    static final byte[] PLAYER_KEY = key("Genuine Adobe Flash Player 001");
    static final int PLAYER_KEY_PUBLIC = 30;
    /** Signs the server's S1 (its first 36 bytes) and derives the S2 key (all of it). */
    static final byte[] SERVER_KEY = key("Genuine Adobe Flash Media Server 001");
    static final int SERVER_KEY_PUBLIC = 36;

    private HandshakeDigest() {
    }

    private static byte[] key(String text) {
        byte[] prefix = text.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[prefix.length + KEY_TAIL.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(KEY_TAIL, 0, key, prefix.length, KEY_TAIL.length);
        return key;
    }

    /** Where the digest sits in a packet under scheme 0 (after the time and version) or 1. */
    static int digestOffset(byte[] packet, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = (packet[base] & 0xFF) + (packet[base + 1] & 0xFF) + (packet[base + 2] & 0xFF) + (packet[base + 3] & 0xFF);
        return sum % 728 + base + 4;
    }

    /** The digest of a packet, computed over everything but the 32 bytes at {@code offset}. */
    static byte[] packetDigest(byte[] packet, int offset, byte[] key, int keyLength) {
        Mac mac = mac(key, keyLength);
        mac.update(packet, 0, offset);
        mac.update(packet, offset + DIGEST_LENGTH, PACKET_LENGTH - offset - DIGEST_LENGTH);
        return mac.doFinal();
    }

    /** Writes a digest into a packet at the position its own bytes select under {@code scheme}. */
    static void sign(byte[] packet, int scheme, byte[] key, int keyLength) {
        int offset = digestOffset(packet, scheme);
        System.arraycopy(packetDigest(packet, offset, key, keyLength), 0, packet, offset, DIGEST_LENGTH);
    }

    /**
     * The digest a client hid in C1, trying both schemes, or null when C1 carries none (a simple
     * handshake, as librtmp and OBS may send).
     */
    static byte[] findClientDigest(byte[] c1, int[] schemeOut) {
        for (int scheme = 0; scheme < 2; scheme++) {
            int offset = digestOffset(c1, scheme);
            byte[] expected = packetDigest(c1, offset, PLAYER_KEY, PLAYER_KEY_PUBLIC);
            byte[] actual = new byte[DIGEST_LENGTH];
            System.arraycopy(c1, offset, actual, 0, DIGEST_LENGTH);
            if (MessageDigest.isEqual(expected, actual)) {
                schemeOut[0] = scheme;
                return actual;
            }
        }
        return null;
    }

    /** Signs the last 32 bytes of a S2 or C2 with a key derived from the peer's digest. */
    static void signResponse(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        byte[] derived = mac(fullKey, fullKey.length).doFinal(peerDigest);
        Mac mac = mac(derived, derived.length);
        mac.update(packet, 0, PACKET_LENGTH - DIGEST_LENGTH);
        System.arraycopy(mac.doFinal(), 0, packet, PACKET_LENGTH - DIGEST_LENGTH, DIGEST_LENGTH);
    }

    private static Mac mac(byte[] key, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, length, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }
}
