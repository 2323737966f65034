package org.camelvideo.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameConvertersTest {

    @TempDir
    Path dir;

    private List<Exchange> convert(String quality) throws Exception {
        List<Exchange> out = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=320&height=240&pixelFormat=NV21")
                        .setProperty(MediaHeaders.JPEG_QUALITY, constant(quality))
                        .convertBodyTo(byte[].class)
                        .process(e -> {
                            if (out.size() < 3) {
                                out.add(e.copy());
                            }
                        });
            }
        });
        context.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (out.size() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        context.stop();
        assertThat(out).hasSize(3);
        return out;
    }

    @Test
    void convertBodyToBytesMakesAJpegThatDecodes() throws Exception {
        Exchange e = convert("85").get(0);
        byte[] jpeg = e.getMessage().getBody(byte[].class);
        assertThat(e.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("image/jpeg");
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        Path file = dir.resolve("frame.jpg");
        Files.write(file, jpeg);
        MediaProbe.Result result = MediaProbe.probe(file.toString(), "image2");
        assertThat(result.videoCodec()).isEqualTo("mjpeg");
        assertThat(result.videoFrames()).isEqualTo(1);
        assertThat(result.width()).isEqualTo(320);
    }

    @Test
    void qualityChangesTheSize() throws Exception {
        int small = convert("10").get(2).getMessage().getBody(byte[].class).length;
        int large = convert("95").get(2).getMessage().getBody(byte[].class).length;
        assertThat(large).as("q95 %d bytes vs q10 %d bytes", large, small).isGreaterThan(small * 3 / 2);
    }

    @Test
    void aQualityOutsideOneToAHundredIsNamed() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            VideoFrame frame = new VideoFrame(16, 16, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(16, 16)], 0, 0);
            for (int quality : new int[] { 0, -7, 500 }) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setHeader(MediaHeaders.JPEG_QUALITY, quality);
                assertThatThrownBy(() -> FrameConverters.toJpeg(frame, exchange))
                        .hasMessage(MediaHeaders.JPEG_QUALITY + " must be 1-100, got " + quality);
            }
        } finally {
            context.stop();
        }
    }
}
