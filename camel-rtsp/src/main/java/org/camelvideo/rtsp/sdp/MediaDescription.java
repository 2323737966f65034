package org.camelvideo.rtsp.sdp;

import java.util.Locale;
import java.util.Map;

/** One {@code m=} section of a session description, as a client needs it. */
public final class MediaDescription {

    private final String media;
    private final int payloadType;
    private final String encoding;
    private final int clockRate;
    private final int channels;
    private final Map<String, String> format;
    private final String control;

    MediaDescription(String media, int payloadType, String encoding, int clockRate, int channels, Map<String, String> format,
                     String control) {
        this.media = media;
        this.payloadType = payloadType;
        this.encoding = encoding;
        this.clockRate = clockRate;
        this.channels = channels;
        this.format = format;
        this.control = control;
    }

    /** {@code video} or {@code audio}. */
    public String media() {
        return media;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The encoding name of {@code a=rtpmap}, upper case, e.g. {@code H264} or {@code MPEG4-GENERIC}. */
    public String encoding() {
        return encoding;
    }

    public int clockRate() {
        return clockRate;
    }

    public int channels() {
        return channels;
    }

    /** A parameter of {@code a=fmtp}, names compared case-insensitively; null when absent. */
    public String format(String name) {
        return format.get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code a=control} attribute, or null. */
    public String control() {
        return control;
    }

    @Override
    public String toString() {
        return media + " " + encoding + "/" + clockRate + " pt=" + payloadType;
    }
}
