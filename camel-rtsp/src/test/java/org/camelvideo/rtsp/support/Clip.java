package org.camelvideo.rtsp.support;

import org.camelvideo.media.testing.Peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.media.aac.Adts;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h265.H265NalType;
import org.camelvideo.media.h264.H264NalType;

/**
 * Real encoder output for the tests, made once per build with the ffmpeg program under
 * target/test-media: x264 H.264 split at its access unit delimiters, and AAC split at ADTS
 * headers, as MediaPackets with presentation times from their positions.
 */
public final class Clip {

    public static final int FPS = 30;

    private final Path file;
    private final List<MediaPacket> video;
    private final List<MediaPacket> audio;
    private final long durationMicros;

    private Clip(Path file, List<MediaPacket> video, List<MediaPacket> audio, long durationMicros) {
        this.file = file;
        this.video = video;
        this.audio = audio;
        this.durationMicros = durationMicros;
    }

    /** 1280x720, 30 fps, about 2 Mbit/s, a keyframe every {@code gop} frames, {@code seconds} long, with AAC stereo. */
    public static Clip hd(int gop, int seconds) {
        return make(1280, 720, gop, seconds);
    }

    /** A smaller picture, for tests that run many decoders at once on a small machine. */
    public static Clip small(int gop, int seconds) {
        return make(320, 240, gop, seconds);
    }

    /** {@link #hevcFile} as packets, without audio. */
    public static Clip hevc(int gop, int seconds) {
        Path file = hevcFile(gop, seconds);
        try {
            List<MediaPacket> video = splitVideo(Files.readAllBytes(file), Codec.H265);
            return new Clip(file, video, List.of(), video.size() * 1_000_000L / FPS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An H.265 Annex-B file from libx265, 1280x720 at 30 fps with access unit delimiters, made once per build. */
    public static synchronized Path hevcFile(int gop, int seconds) {
        Path file = Path.of("target", "test-media", "1280x720-hevc-g" + gop + "-" + seconds + "s.h265");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                run(List.of(Peers.ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=" + FPS, "-t",
                            Integer.toString(seconds), "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                            "aud=1:keyint=" + gop + ":log-level=error", "-f", "hevc", file.toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static synchronized Clip make(int width, int height, int gop, int seconds) {
        try {
            Path dir = Path.of("target", "test-media");
            Files.createDirectories(dir);
            String name = width + "x" + height + "-g" + gop + "-" + seconds + "s";
            Path h264 = dir.resolve(name + ".h264");
            Path aac = dir.resolve("aac-" + seconds + "s.adts");
            if (!Files.exists(h264)) {
                run(List.of(Peers.ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i",
                            "testsrc2=size=" + width + "x" + height + ":rate=" + FPS, "-t", Integer.toString(seconds),
                            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-maxrate",
                            "2M", "-bufsize", "1M", "-g", Integer.toString(gop), "-x264-params", "aud=1",
                            "-f", "h264", h264.toString()));
            }
            if (!Files.exists(aac)) {
                run(List.of(Peers.ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                            "-t", Integer.toString(seconds), "-ac", "2", "-c:a", "aac", "-b:a", "128k", "-f", "adts",
                            aac.toString()));
            }
            List<MediaPacket> video = splitVideo(Files.readAllBytes(h264), Codec.H264);
            List<MediaPacket> audio = splitAdts(Files.readAllBytes(aac));
            return new Clip(h264, video, audio, video.size() * 1_000_000L / FPS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        try (Proc p = Proc.start(command)) {
            int code = p.waitFor(120);
            if (code != 0) {
                throw new IllegalStateException(command + " failed (" + code + "): " + p.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The access units of an Annex-B stream written with access unit delimiters, timed at {@link #FPS}. */
    static List<MediaPacket> splitVideo(byte[] stream, Codec codec) {
        boolean h265 = codec == Codec.H265;
        List<List<byte[]>> units = new ArrayList<>();
        AnnexB.forEachNalUnit(stream, (buf, off, len) -> {
            boolean delimiter = h265 ? H265NalType.of(buf[off]) == H265NalType.ACCESS_UNIT_DELIMITER
                    : H264NalType.of(buf[off]) == H264NalType.ACCESS_UNIT_DELIMITER;
            if (delimiter || units.isEmpty()) {
                units.add(new ArrayList<>());
            }
            byte[] nal = new byte[len];
            System.arraycopy(buf, off, nal, 0, len);
            units.get(units.size() - 1).add(nal);
        });
        List<MediaPacket> packets = new ArrayList<>();
        CodecConfig config = null;
        for (List<byte[]> u : units) {
            byte[] au = AnnexB.join(u);
            CodecConfig inBand = VideoAccessUnits.parameterSets(codec, au);
            config = inBand != null ? inBand : config;
            long pts = packets.size() * 1_000_000L / FPS;
            packets.add(new MediaPacket(codec, au, pts, pts, VideoAccessUnits.isKeyframe(codec, au), config));
        }
        return packets;
    }

    static List<MediaPacket> splitAdts(byte[] stream) {
        List<MediaPacket> packets = new ArrayList<>();
        int pos = 0;
        while (pos + Adts.HEADER_LENGTH <= stream.length) {
            Adts h = Adts.parse(stream, pos, stream.length - pos);
            byte[] frame = new byte[h.payloadLength()];
            System.arraycopy(stream, pos + h.headerLength(), frame, 0, frame.length);
            long pts = packets.size() * 1024L * 1_000_000L / h.config().sampleRate();
            packets.add(new MediaPacket(Codec.AAC, frame, pts, pts, true, CodecConfig.aac(h.config().encode())));
            pos += h.frameLength();
        }
        return packets;
    }

    public List<MediaPacket> video() {
        return video;
    }

    public List<MediaPacket> audio() {
        return audio;
    }

    public long durationMicros() {
        return durationMicros;
    }

    /** The Annex-B file the video came from. */
    public Path file() {
        return file;
    }
}
