package org.camelvideo.rtsp.support;

import org.camelvideo.media.testing.Peers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FFmpeg's own RTSP client and H.264 decoder as a reader: {@code ffmpeg -i rtsp://… -vf showinfo
 * -f null -} prints one line per decoded picture, which this counts and measures.
 */
public final class FfmpegReader implements AutoCloseable {

    private static final Pattern FRAME = Pattern.compile("n:\\s*\\d+ .* s:(\\d+)x(\\d+) .*iskey:(\\d)");

    private final Proc proc;

    private FfmpegReader(Proc proc) {
        this.proc = proc;
    }

    /** Decodes {@code frames} video frames of {@code url} over {@code transport} (tcp or udp), then exits. */
    public static FfmpegReader start(String url, String transport, int frames, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peers.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info",
                                                   "-rtsp_transport", transport));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-threads", "1", "-i", url, "-map", "0:v:0", "-frames:v", Integer.toString(frames), "-vf",
                           "showinfo", "-f", "null", "-"));
        return new FfmpegReader(Proc.start(cmd));
    }

    public Proc proc() {
        return proc;
    }

    public int waitFor(long seconds) throws InterruptedException {
        return proc.waitFor(seconds);
    }

    /** Decoded pictures so far. */
    public List<int[]> frames() {
        List<int[]> out = new ArrayList<>();
        Matcher m = FRAME.matcher(proc.output());
        while (m.find()) {
            out.add(new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)) });
        }
        return out;
    }

    public String output() {
        return proc.output();
    }

    @Override
    public void close() {
        proc.close();
    }
}
