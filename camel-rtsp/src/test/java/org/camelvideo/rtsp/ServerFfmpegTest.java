package org.camelvideo.rtsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelvideo.media.MediaPacket;

import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.Feeder;
import org.camelvideo.rtsp.support.FfmpegReader;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FFmpeg's RTSP client plays our server: the acceptance tests of the producer. */
class ServerFfmpegTest {

    @Test
    void ffmpegDecodes90FramesOverTcp() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), true);
             FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 90)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            assertDecoded(reader, 90, 1280, 720);
            assertThat(reader.output()).contains("Audio: aac").doesNotContain("error while decoding");
        }
    }

    @Test
    void ffmpegDecodes90FramesOverUdp() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false);
             FfmpegReader reader = FfmpegReader.start(server.url, "udp", 90)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            assertDecoded(reader, 90, 1280, 720);
        }
    }

    @Test
    void plainAnnexBByteArraysAreServedAsTheEmbeddedServersSendThem() throws Exception {
        try (Server server = new Server("width=1280&height=720&fps=30");
             Feeder feeder = new Feeder(Clip.hd(30, 10), false, p -> server.send(p.payload()));
             FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 90)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            assertDecoded(reader, 90, 1280, 720);
            assertThat(feeder.sent()).isPositive();
        }
    }

    /** Annex-B allows a three-byte start code at the beginning as well as the four-byte one x264 writes there. */
    @Test
    void plainAnnexBByteArraysWithThreeByteStartCodesAreServedToo() throws Exception {
        try (Server server = new Server("width=1280&height=720&fps=30");
             Feeder feeder = new Feeder(Clip.hd(30, 10), false, p -> server.send(withThreeByteStartCode(p.payload())));
             FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 90)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            assertDecoded(reader, 90, 1280, 720);
            assertThat(feeder.sent()).isPositive();
        }
    }

    private static byte[] withThreeByteStartCode(byte[] accessUnit) {
        assertThat(accessUnit).startsWith(0, 0, 0, 1);
        return Arrays.copyOfRange(accessUnit, 1, accessUnit.length);
    }

    @Test
    void twentyConcurrentReadersAllDecode() throws Exception {
        try (Server server = new Server("").feed(Clip.small(30, 10), false)) {
            List<FfmpegReader> readers = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    readers.add(FfmpegReader.start(server.url, "tcp", 90));
                }
                for (FfmpegReader r : readers) {
                    assertThat(r.waitFor(60)).as(r.output()).isZero();
                    assertDecoded(r, 90, 320, 240);
                }
            } finally {
                readers.forEach(FfmpegReader::close);
            }
        }
    }

    @Test
    void readerJoiningMidStreamDecodesAtOnceFromTheGopCache() throws Exception {
        // A keyframe every 5 s: without the cache a reader would wait for one most of that time.
        try (Server server = new Server("").feed(Clip.hd(150, 10), false)) {
            Thread.sleep(2500);
            long start = System.nanoTime();
            try (FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 30)) {
                assertThat(reader.proc().awaitOutput("iskey:", 10_000)).as(reader.output()).isTrue();
                long firstFrameMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(reader.waitFor(20)).as(reader.output()).isZero();
                assertThat(reader.frames().get(0)[2]).as("the first picture is the cached keyframe").isEqualTo(1);
                assertThat(firstFrameMillis).as("first picture after connecting").isLessThan(2000);
            }
        }
    }

    /**
     * A relayed source that starts again from zero (a camera that rebooted, a publisher that
     * reconnected) is served on one rising timeline: FFmpeg sees its second run follow the first.
     */
    @Test
    void aSourceThatStartsAgainFromZeroIsServedOnOneRisingTimeline() throws Exception {
        Clip clip = Clip.small(30, 2);
        try (Server server = new Server("")) {
            Thread source = new Thread(() -> {
                long start = System.nanoTime();
                for (int run = 0; run < 3; run++) {
                    for (MediaPacket packet : clip.video()) {
                        long due = start + TimeUnit.MICROSECONDS.toNanos(run * clip.durationMicros() + packet.ptsMicros());
                        LockSupport.parkNanos(due - System.nanoTime());
                        server.send(packet);
                    }
                }
            }, "restarting-source");
            source.start();
            try (FfmpegReader reader = FfmpegReader.start(server.url, "tcp", 120)) {
                assertThat(reader.waitFor(30)).as(reader.output()).isZero();
                Matcher m = Pattern.compile("n:\\s*\\d+ pts:\\s*-?\\d+ pts_time:([-\\d.]+)").matcher(reader.output());
                List<Double> times = new ArrayList<>();
                while (m.find()) {
                    times.add(Double.parseDouble(m.group(1)));
                }
                assertThat(times).hasSize(120);
                // FFmpeg gives the first two pictures it decodes the same time as it starts; from there on each must rise.
                for (int i = 2; i < times.size(); i++) {
                    assertThat(times.get(i)).as("picture %d of %s", i, times).isGreaterThan(times.get(i - 1));
                }
                assertThat(times.get(119) - times.get(0)).isBetween(3.9, 4.1);
            } finally {
                source.join();
            }
        }
    }

    /**
     * FFmpeg decodes 150 frames at 1280x720 from {@code url} over TCP in real time: 5 s at the
     * stream's 30 fps, less the GOP cache burst, plus FFmpeg's start.
     */
    static void assertPlaysInRealTime(String url) throws InterruptedException {
        long start = System.nanoTime();
        try (FfmpegReader reader = FfmpegReader.start(url, "tcp", 150)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertDecoded(reader, 150, 1280, 720);
            assertThat(seconds).as("time for 150 frames").isLessThan(7.5);
        }
    }

    static void assertDecoded(FfmpegReader reader, int frames, int width, int height) {
        List<int[]> decoded = reader.frames();
        assertThat(decoded).as(reader.output()).hasSizeGreaterThanOrEqualTo(frames);
        assertThat(decoded).allSatisfy(f -> assertThat(new int[] { f[0], f[1] }).containsExactly(width, height));
    }
}
