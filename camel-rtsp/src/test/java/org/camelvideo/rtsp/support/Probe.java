package org.camelvideo.rtsp.support;

import org.camelvideo.media.testing.Peers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;

/** Decodes what a client received with ffprobe: the check a user would make of a recording. */
public final class Probe {

    private Probe() {
    }

    /** Writes the packets as an Annex-B file and decodes it all: {width, height, decoded frames}. */
    public static int[] decode(List<MediaPacket> packets, String name) throws IOException, InterruptedException {
        Path file = Path.of("target", "test-media", name + (packets.get(0).codec() == Codec.H265 ? ".h265" : ".h264"));
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (MediaPacket p : packets) {
                out.write(p.payload());
            }
        }
        try (Proc p = Proc.start(List.of(Peers.ffprobe(), "-v", "error", "-count_frames", "-select_streams", "v:0",
                                         "-show_entries", "stream=width,height,nb_read_frames", "-of", "csv=p=0",
                                         file.toString()))) {
            if (p.waitFor(60) != 0) {
                throw new AssertionError("ffprobe failed: " + p.output());
            }
            String[] f = p.output().trim().split("\n");
            String[] v = f[f.length - 1].trim().split(",");
            return new int[] { Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]) };
        }
    }
}
