package org.camelvideo.rtsp;

import java.nio.charset.StandardCharsets;

import org.camelvideo.media.jpeg.JpegSoi;

/**
 * The check of a plain {@code byte[]} body, served as one H.264 access unit: it must be Annex-B,
 * else readers would get garbage that no decoder can use, with no error anywhere. The refusal
 * says what the bytes look like, since the usual mistake is a picture or text converted to bytes.
 */
final class AnnexBBody {

    private static final int SHOWN_BYTES = 8;

    private AnnexBBody() {
    }

    /** @throws IllegalArgumentException when {@code body} does not start with a start code (00 00 01 or 00 00 00 01) */
    static void requireStartCode(byte[] body) {
        int zeros = 0;
        while (zeros < body.length && body[zeros] == 0) {
            zeros++;
        }
        if (zeros >= 2 && zeros < body.length && body[zeros] == 1) {
            return;
        }
        throw new IllegalArgumentException("rtsp: a byte[] body is served as Annex-B H.264, but this one is not Annex-B"
                                           + " H.264: no start code (00 00 01 or 00 00 00 01) at its beginning; it "
                                           + describe(body) + ". Send H.264 from h264:encode, or a MediaPacket");
    }

    private static String describe(byte[] body) {
        if (body.length == 0) {
            return "is empty";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN_BYTES, body.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", body[i]));
        }
        String kind = kind(body);
        return "starts with " + hex + (kind == null ? "" : ", as " + kind + " does");
    }

    private static String kind(byte[] b) {
        if (JpegSoi.startsWith(b)) {
            return "a JPEG image";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (b.length >= 8 && new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return "an MP4 file";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0) {
            return "ADTS AAC audio";
        }
        return isText(b) ? "text" : null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] b) {
        for (int i = 0; i < Math.min(64, b.length); i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
