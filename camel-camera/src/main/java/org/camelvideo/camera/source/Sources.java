package org.camelvideo.camera.source;

import java.util.Set;
import java.util.regex.Pattern;

/** Picks the {@link FrameSource} for a {@code camera:} source string. */
public final class Sources {

    /** The built-in pattern, and the default source. */
    public static final String TESTSRC = "testsrc";

    /** FFmpeg input formats that are capture devices and need libavdevice. */
    static final Set<String> AUDIO_DEVICE_FORMATS = Set.of("alsa", "pulse", "oss", "jack");
    static final Set<String> DEVICE_FORMATS = Set.of("v4l2", "video4linux2", "x11grab", "kmsgrab", "fbdev", "alsa",
                                                     "pulse", "oss", "jack", "lavfi");

    private static final Pattern CREDENTIALS = Pattern.compile("(://[^:/@]+:)[^@/]+@");

    private Sources() {
    }

    /** The video source (with the file's audio track when audio is asked for and the source has one). */
    public static FrameSource video(String source, SourceSettings settings) {
        if (source == null || source.isEmpty() || TESTSRC.equals(source)) {
            return new TestPatternSource(settings);
        }
        String format = settings.inputFormat();
        if (format == null && source.startsWith("/dev/video")) {
            format = "v4l2";
        }
        boolean fileAudio = settings.audio() && !source.startsWith("/dev/");
        return new FfmpegSource(source, format, settings, true, fileAudio);
    }

    /**
     * An audio capture device such as {@code pulse:default} or {@code alsa:hw:1,0}: the FFmpeg
     * input format, a colon, and the device name.
     */
    public static FrameSource audioDevice(String device, SourceSettings settings) {
        int colon = device.indexOf(':');
        String format = colon > 0 ? device.substring(0, colon) : "";
        if (!AUDIO_DEVICE_FORMATS.contains(format)) {
            throw new IllegalArgumentException("audioDevice '" + device + "' must start with one of " + AUDIO_DEVICE_FORMATS
                                               + " and a colon, e.g. pulse:default or alsa:hw:1,0");
        }
        return new FfmpegSource(device.substring(colon + 1), format, settings, false, true);
    }

    /** The source with any password in a URL replaced by stars, for logs and errors. */
    public static String masked(String source) {
        return source == null ? null : CREDENTIALS.matcher(source).replaceAll("$1******@");
    }
}
