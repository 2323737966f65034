package org.camelvideo.mjpeg.multipart;

import java.nio.charset.StandardCharsets;

/**
 * A multipart boundary and how to recognise its delimiter lines. RFC 2046 puts {@code --} before
 * the boundary on each delimiter line, but cameras disagree: some declare {@code boundary=--x}
 * and write {@code --x}, others write the bare boundary. Both spellings are accepted.
 */
public final class Boundary {

    private final byte[] dashed;
    private final byte[] bare;

    private Boundary(String boundary) {
        this.bare = boundary.getBytes(StandardCharsets.ISO_8859_1);
        this.dashed = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static Boundary of(String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("An empty multipart boundary");
        }
        return new Boundary(boundary);
    }

    /**
     * The boundary parameter of a Content-Type such as
     * {@code multipart/x-mixed-replace; boundary="frame"}, or null when it has none.
     */
    public static Boundary fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String value = p.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : new Boundary(value);
            }
        }
        return null;
    }

    /**
     * A boundary learnt from the first delimiter-looking line of a stream whose Content-Type did
     * not declare one, or null when {@code line} does not look like a delimiter.
     */
    static Boundary learn(byte[] line, int length) {
        if (length < 3 || line[0] != '-' || line[1] != '-') {
            return null;
        }
        int end = length;
        if (end >= 5 && line[end - 1] == '-' && line[end - 2] == '-') {
            end -= 2;
        }
        return new Boundary(new String(line, 2, end - 2, StandardCharsets.ISO_8859_1));
    }

    /**
     * Whether a line (without its line break and trailing blanks) is a delimiter or the closing
     * delimiter of this boundary.
     */
    boolean isDelimiter(byte[] line, int length) {
        return startsWith(line, length, dashed) || startsWith(line, length, bare);
    }

    private static boolean startsWith(byte[] line, int length, byte[] prefix) {
        if (length != prefix.length && length != prefix.length + 2) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return length == prefix.length || (line[length - 1] == '-' && line[length - 2] == '-');
    }

    @Override
    public String toString() {
        return new String(bare, StandardCharsets.ISO_8859_1);
    }
}
