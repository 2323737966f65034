package org.camelvideo.benchmarks.reference;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.VideoFrame;

/** The frames {@code camera:testsrc} makes, kept so that both sides of a benchmark get the same ones. */
public final class TestFrames {

    private TestFrames() {
    }

    /** The first {@code count} frames at this size, in memory. */
    public static List<VideoFrame> capture(int width, int height, int count) throws Exception {
        List<VideoFrame> frames = new ArrayList<>(count);
        CountDownLatch done = new CountDownLatch(1);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                fromF("camera:testsrc?width=%d&height=%d&fps=30&realtime=false", width, height).process(e -> {
                    if (frames.size() < count) {
                        frames.add(e.getMessage().getBody(VideoFrame.class));
                        if (frames.size() == count) {
                            done.countDown();
                        }
                    }
                });
            }
        });
        context.start();
        try {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("testsrc did not make " + count + " frames in 5 minutes");
            }
        } finally {
            context.stop();
        }
        return frames;
    }

    /** The first {@code count} frames at this size as raw I420 in a temporary file, for the ffmpeg program. */
    public static Path rawFile(int width, int height, int count) throws Exception {
        Path file = Files.createTempFile("camel-video-frames-" + width + "x" + height, ".yuv");
        CountDownLatch done = new CountDownLatch(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 22)) {
            CamelContext context = new DefaultCamelContext();
            int[] written = { 0 };
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    fromF("camera:testsrc?width=%d&height=%d&fps=30&realtime=false", width, height).process(e -> {
                        if (written[0] < count) {
                            out.write(e.getMessage().getBody(VideoFrame.class).data());
                            if (++written[0] == count) {
                                done.countDown();
                            }
                        }
                    });
                }
            });
            context.start();
            try {
                done.await(5, TimeUnit.MINUTES);
            } finally {
                context.stop();
            }
        }
        return file;
    }
}
