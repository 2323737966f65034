package org.camelvideo.rtmp.peers;

import org.camelvideo.media.testing.Peers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What FFmpeg's own decoder finds in a file or stream: per stream type, codec, size and frames decoded. */
public final class Ffprobe {

    /** One stream as ffprobe reports it, {@code frames} counted by decoding. */
    public record Stream(String codecType, String codecName, int width, int height, long frames) {
    }

    private Ffprobe() {
    }

    public static Map<String, Stream> probe(Path log, String input, long timeoutSeconds) throws Exception {
        return probe(Peers.require("ffprobe", "ffmpeg"), log, input, timeoutSeconds);
    }

    /** With another ffprobe program, such as {@link BytedecoFfmpeg#ffprobe()}. */
    public static Map<String, Stream> probe(String ffprobe, Path log, String input, long timeoutSeconds) throws Exception {
        String out = Proc.run(log, timeoutSeconds,
                              List.of(ffprobe, "-v", "error", "-count_frames", "-show_entries",
                                      "stream=codec_type,codec_name,width,height,nb_read_frames", "-of", "csv=p=0:nk=0", input));
        Map<String, Stream> streams = new HashMap<>();
        for (String line : out.split("\n")) {
            Map<String, String> f = new HashMap<>();
            for (String kv : line.trim().split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    f.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            if (f.containsKey("codec_type")) {
                streams.put(f.get("codec_type"), new Stream(f.get("codec_type"), f.get("codec_name"), number(f.get("width")),
                                                            number(f.get("height")), number(f.get("nb_read_frames"))));
            }
        }
        return streams;
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
