package org.camelvideo.rtsp.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed session description (RFC 4566), keeping what a client needs to set up tracks:
 * the session control URL and, per media, payload type, rtpmap, fmtp and control. Lines it
 * does not know are skipped, as the RFC asks.
 */
public final class SessionDescription {

    private final String control;
    private final List<MediaDescription> media;

    private SessionDescription(String control, List<MediaDescription> media) {
        this.control = control;
        this.media = media;
    }

    /** @throws IllegalArgumentException when there is no media section at all */
    public static SessionDescription parse(String sdp) {
        String sessionControl = null;
        List<MediaDescription> media = new ArrayList<>();
        Section current = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (current != null) {
                    media.add(current.build());
                }
                current = Section.of(value);
            } else if (type == 'a') {
                if (current == null) {
                    if (value.startsWith("control:")) {
                        sessionControl = value.substring(8).trim();
                    }
                } else {
                    current.attribute(value);
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (media.isEmpty()) {
            throw new IllegalArgumentException("The session description has no media section");
        }
        return new SessionDescription(sessionControl, Collections.unmodifiableList(media));
    }

    /** Session-level {@code a=control}, or null. */
    public String control() {
        return control;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The first media section of {@code kind} with encoding {@code encoding}, or null. */
    public MediaDescription find(String kind, String encoding) {
        for (MediaDescription m : media) {
            if (m.media().equals(kind) && m.encoding().equalsIgnoreCase(encoding)) {
                return m;
            }
        }
        return null;
    }

    private static final class Section {
        final String media;
        final int payloadType;
        String encoding = "";
        int clockRate;
        int channels = 1;
        final Map<String, String> format = new HashMap<>();
        String control;

        Section(String media, int payloadType) {
            this.media = media;
            this.payloadType = payloadType;
        }

        static Section of(String value) {
            String[] parts = value.split(" +");
            int pt = -1;
            if (parts.length >= 4) {
                try {
                    pt = Integer.parseInt(parts[3]);
                } catch (NumberFormatException e) {
                    pt = -1;
                }
            }
            return new Section(parts[0], pt);
        }

        void attribute(String value) {
            if (value.startsWith("control:")) {
                control = value.substring(8).trim();
            } else if (value.startsWith("rtpmap:")) {
                String[] parts = value.substring(7).trim().split("[ /]+");
                if (parts.length >= 3 && parts[0].equals(Integer.toString(payloadType))) {
                    encoding = parts[1].toUpperCase(Locale.ROOT);
                    clockRate = parseInt(parts[2]);
                    channels = parts.length > 3 ? parseInt(parts[3]) : 1;
                }
            } else if (value.startsWith("fmtp:")) {
                int space = value.indexOf(' ');
                if (space > 0) {
                    for (String param : value.substring(space + 1).split(";")) {
                        int eq = param.indexOf('=');
                        if (eq > 0) {
                            format.put(param.substring(0, eq).trim().toLowerCase(Locale.ROOT), param.substring(eq + 1).trim());
                        }
                    }
                }
            }
        }

        MediaDescription build() {
            return new MediaDescription(media, payloadType, encoding, clockRate, channels, format, control);
        }

        private static int parseInt(String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
