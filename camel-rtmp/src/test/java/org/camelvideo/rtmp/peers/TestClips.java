package org.camelvideo.rtmp.peers;

import org.camelvideo.media.testing.Peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.TestStreams;
import org.camelvideo.media.h265.H265AccessUnit;
import org.camelvideo.media.aac.Adts;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h264.H264AccessUnit;
import org.camelvideo.media.h264.H264NalType;

/**
 * Test input made by the ffmpeg program (x264 and FFmpeg's AAC encoder) into target/clips, once
 * per build, and read back as {@link MediaPacket}s the way h264:encode would emit them.
 */
public final class TestClips {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final int FPS = 30;
    public static final int SECONDS = 10;

    private static final Path DIR = Path.of("target/clips").toAbsolutePath();

    private TestClips() {
    }

    /** H.264 (one keyframe a second, access unit delimiters on) and AAC of a 10 s test pattern and tone. */
    public static synchronized List<MediaPacket> packets() throws Exception {
        return packets(video(WIDTH, HEIGHT, FPS, SECONDS, 0), audio(SECONDS), FPS);
    }

    public static Path video(int width, int height, int fps, int seconds, int bitrate) throws Exception {
        String name = "testsrc2-" + width + "x" + height + "-" + fps + "-" + seconds + (bitrate > 0 ? "-" + bitrate : "") + ".h264";
        Path out = DIR.resolve(name);
        if (!Files.exists(out)) {
            List<String> cmd = new ArrayList<>(List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps, "-t", String.valueOf(seconds),
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", String.valueOf(fps), "-pix_fmt", "yuv420p"));
            String x264 = "aud=1";
            if (bitrate > 0) {
                cmd.addAll(List.of("-b:v", String.valueOf(bitrate), "-maxrate", String.valueOf(bitrate), "-bufsize",
                                   String.valueOf(bitrate)));
            }
            cmd.addAll(List.of("-x264-params", x264, "-f", "h264", out + ".tmp"));
            write(out, cmd);
        }
        return out;
    }

    public static Path audio(int seconds) throws Exception {
        Path out = DIR.resolve("sine-44100-stereo-" + seconds + ".adts");
        if (!Files.exists(out)) {
            write(out, List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                               "sine=frequency=440:sample_rate=44100", "-ac", "2", "-t", String.valueOf(seconds), "-c:a", "aac",
                               "-b:a", "128k", "-f", "adts", out + ".tmp"));
        }
        return out;
    }

    /** The test pattern in H.265 from libx265 (zerolatency, a keyframe a second), in Matroska for ffmpeg to publish. */
    public static Path hevcMkv() throws Exception {
        Path out = DIR.resolve("testsrc2-hevc-" + WIDTH + "x" + HEIGHT + ".mkv");
        if (!Files.exists(out)) {
            write(out, List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                               "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS, "-t", String.valueOf(SECONDS), "-c:v",
                               "libx265", "-preset", "ultrafast", "-tune", "zerolatency", "-x265-params",
                               "aud=1:keyint=" + FPS + ":log-level=error", "-f", "matroska", out + ".tmp"));
        }
        return out;
    }

    /** {@link #hevcMkv()}'s access units as packets, in real time at {@link #FPS}. */
    public static List<MediaPacket> hevcPackets() throws Exception {
        Path annexB = DIR.resolve("testsrc2-hevc-" + WIDTH + "x" + HEIGHT + ".h265");
        if (!Files.exists(annexB)) {
            write(annexB, List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel", "error", "-i",
                                  hevcMkv().toString(), "-c", "copy", "-f", "hevc", annexB + ".tmp"));
        }
        List<MediaPacket> packets = new ArrayList<>();
        CodecConfig config = null;
        for (byte[] au : TestStreams.h265AccessUnits(Files.readAllBytes(annexB))) {
            CodecConfig inBand = H265AccessUnit.parameterSets(au);
            config = inBand != null ? inBand : config;
            long pts = packets.size() * 1_000_000L / FPS;
            packets.add(new MediaPacket(Codec.H265, au, pts, pts, H265AccessUnit.isKeyframe(au), config));
        }
        return packets;
    }

    /** The same picture and tone muxed in FLV, for ffmpeg to publish. */
    public static Path flv() throws Exception {
        Path out = DIR.resolve("testsrc2-sine-" + WIDTH + "x" + HEIGHT + ".flv");
        if (!Files.exists(out)) {
            write(out, List.of(Peers.require("ffmpeg", "ffmpeg"), "-y", "-hide_banner", "-loglevel", "error",
                               "-i", video(WIDTH, HEIGHT, FPS, SECONDS, 0).toString(), "-i", audio(SECONDS).toString(),
                               "-c", "copy", "-f", "flv", out + ".tmp"));
        }
        return out;
    }

    private static void write(Path out, List<String> command) throws Exception {
        Files.createDirectories(DIR);
        Proc.run(DIR.resolve(out.getFileName() + ".log"), 300, command);
        Files.move(Path.of(out + ".tmp"), out);
    }

    /** Access units split at their delimiters, with AAC frames, in decoding order across both. */
    public static List<MediaPacket> packets(Path h264, Path adts, int fps) throws Exception {
        List<MediaPacket> packets = new ArrayList<>(videoPackets(Files.readAllBytes(h264), fps));
        if (adts != null) {
            packets.addAll(audioPackets(Files.readAllBytes(adts)));
        }
        packets.sort(Comparator.comparingLong(MediaPacket::dtsMicros));
        return packets;
    }

    static List<MediaPacket> videoPackets(byte[] stream, int fps) {
        List<int[]> units = new ArrayList<>();
        AnnexB.forEachNalUnit(stream, (buf, off, len) -> units.add(new int[] { off, len }));
        List<MediaPacket> out = new ArrayList<>();
        CodecConfig config = null;
        int start = -1;
        for (int i = 0; i <= units.size(); i++) {
            boolean boundary = i == units.size() || H264NalType.of(stream[units.get(i)[0]]) == H264NalType.ACCESS_UNIT_DELIMITER;
            if (boundary && start >= 0) {
                int from = units.get(start)[0] - 4;
                int[] last = units.get(i - 1);
                byte[] au = new byte[last[0] + last[1] - from];
                System.arraycopy(stream, from, au, 0, au.length);
                au[0] = 0;
                au[1] = 0;
                au[2] = 0;
                au[3] = 1;
                CodecConfig inBand = H264AccessUnit.parameterSets(au);
                config = inBand != null ? inBand : config;
                long pts = out.size() * 1_000_000L / fps;
                out.add(new MediaPacket(Codec.H264, au, pts, pts, H264AccessUnit.isKeyframe(au), config));
            }
            if (boundary) {
                start = i;
            }
        }
        return out;
    }

    static List<MediaPacket> audioPackets(byte[] stream) {
        List<MediaPacket> out = new ArrayList<>();
        int pos = 0;
        while (pos + Adts.HEADER_LENGTH <= stream.length) {
            Adts header = Adts.parse(stream, pos, stream.length - pos);
            byte[] frame = new byte[header.payloadLength()];
            System.arraycopy(stream, pos + header.headerLength(), frame, 0, frame.length);
            CodecConfig config = CodecConfig.aac(header.config().encode());
            long pts = out.size() * 1024L * 1_000_000L / config.sampleRate();
            out.add(new MediaPacket(Codec.AAC, frame, pts, pts, true, config));
            pos += header.frameLength();
        }
        return out;
    }
}
