package org.camelvideo.benchmarks.rtsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.h264.H264AccessUnit;

/**
 * The benchmark stream: 1280x720, 30 fps, about 2 Mbit/s of x264 with access unit delimiters,
 * made once with the ffmpeg program, and cut at its delimiters into packets.
 */
final class ClipFile {

    static final int FPS = 30;
    private static final byte[] AUD = { 0, 0, 0, 1, 9 };

    private ClipFile() {
    }

    static Path ensure() throws IOException, InterruptedException {
        Path file = Path.of("target", "rtsp-bench-1280x720-30fps-2mbit.h264").toAbsolutePath();
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                                           "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                                           "-b:v", "2M", "-maxrate", "2M", "-bufsize", "1M", "-g", "30", "-x264-params",
                                           "aud=1", "-f", "h264", file.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("ffmpeg (Debian package ffmpeg) could not make " + file);
            }
        }
        return file;
    }

    /** The access units, with presentation times from their index and the parameter sets in force. */
    static List<MediaPacket> packets(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + AUD.length <= data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 0 && data[i + 3] == 1 && data[i + 4] == 9) {
                starts.add(i);
            }
        }
        starts.add(data.length);
        List<MediaPacket> packets = new ArrayList<>();
        CodecConfig config = null;
        for (int k = 0; k + 1 < starts.size(); k++) {
            byte[] au = java.util.Arrays.copyOfRange(data, starts.get(k), starts.get(k + 1));
            CodecConfig inBand = H264AccessUnit.parameterSets(au);
            config = inBand != null ? inBand : config;
            long pts = k * 1_000_000L / FPS;
            packets.add(new MediaPacket(Codec.H264, au, pts, pts, H264AccessUnit.isKeyframe(au), config));
        }
        return packets;
    }
}
