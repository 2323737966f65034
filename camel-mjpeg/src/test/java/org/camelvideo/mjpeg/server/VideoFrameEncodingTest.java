package org.camelvideo.mjpeg.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.TypeConversionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.TypeConverterSupport;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.mjpeg.Jpegs;
import org.camelvideo.mjpeg.StreamReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VideoFrame body is JPEG-encoded through Camel's type converter once per frame, whatever the
 * number of viewers, at the endpoint's quality. The converter here is a small javax.imageio one
 * standing in for camel-camera's FFmpeg converter.
 */
class VideoFrameEncodingTest {

    private final AtomicInteger encodes = new AtomicInteger();
    private final List<Integer> qualities = new ArrayList<>();

    @Test
    void oneEncodePerFrameWhateverTheViewers() throws Exception {
        int port = FreePort.find();
        CamelContext context = new DefaultCamelContext();
        context.getTypeConverterRegistry().addTypeConverter(byte[].class, VideoFrame.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                encodes.incrementAndGet();
                qualities.add(exchange.getProperty(MediaHeaders.JPEG_QUALITY, Integer.class));
                return type.cast(encode((VideoFrame) value, exchange.getProperty(MediaHeaders.JPEG_QUALITY, Integer.class)));
            }
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("mjpeg://127.0.0.1:" + port + "/stream?quality=60");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        try {
            template.sendBody("direct:in", gray(0));
            List<StreamReader> viewers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                viewers.add(new StreamReader(port, "/stream"));
            }
            for (StreamReader v : viewers) {
                v.next();
            }
            for (int f = 1; f <= 10; f++) {
                template.sendBody("direct:in", gray(f));
            }
            template.sendBodyAndHeader("direct:in", gray(11), MediaHeaders.JPEG_QUALITY, 90);
            // h264:decode hands over a list when one packet completes several pictures: the newest is shown.
            template.sendBody("direct:in", List.of(gray(1), gray(12)));
            for (StreamReader v : viewers) {
                BufferedImage last = null;
                for (int f = 1; f <= 12; f++) {
                    last = Jpegs.decode(v.next().body());
                }
                assertThat(last.getWidth()).isEqualTo(64);
                assertThat(last.getRaster().getSample(10, 10, 0)).as("the last frame's gray level").isBetween(12 * 20 - 3, 12 * 20 + 3);
                v.close();
            }
            assertThat(encodes).as("encodes for 13 pictures shown and 5 viewers").hasValue(13);
            assertThat(qualities.subList(0, 11)).containsOnly(60);
            assertThat(qualities.get(11)).isEqualTo(90);
        } finally {
            context.stop();
        }
    }

    private static VideoFrame gray(int n) {
        byte[] data = new byte[64 * 48];
        java.util.Arrays.fill(data, (byte) (n * 20));
        return new VideoFrame(64, 48, PixelFormat.GRAY8, data, n * 33_333L, n);
    }

    private static byte[] encode(VideoFrame frame, int quality) {
        try {
            BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), frame.data());
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
