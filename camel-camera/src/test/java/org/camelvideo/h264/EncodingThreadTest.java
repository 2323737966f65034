package org.camelvideo.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelvideo.camera.CameraConsumer;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * h264:encode encodes on a thread of its own and the route goes on from there: what a route
 * sees of that is order, completeness, and a clean stop.
 */
class EncodingThreadTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static VideoFrame frame(int n) {
        byte[] data = new byte[PixelFormat.I420.frameSize(64, 48)];
        java.util.Arrays.fill(data, (byte) (16 + n));
        return new VideoFrame(64, 48, PixelFormat.I420, data, n * 33_333L, n);
    }

    @Test
    void aFileReadAsFastAsItGoesKeepsEveryFrameAndItsOrder() throws Exception {
        List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=320&height=240&realtime=false").routeId("cam")
                        .to("h264:encode?gop=30")
                        .process(e -> {
                            packets.add(e.getMessage().getBody(MediaPacket.class));
                            if (packets.size() == 600) {
                                done.countDown();
                            }
                        });
            }
        });
        context.start();
        assertThat(done.await(60, TimeUnit.SECONDS)).as("600 packets").isTrue();
        CameraConsumer consumer = (CameraConsumer) context.getRoute("cam").getConsumer();
        context.getRouteController().stopRoute("cam");
        assertThat(consumer.getDroppedVideoFrames()).as("frames dropped without realtime").isZero();
        for (int i = 0; i < 600; i++) {
            assertThat(packets.get(i).ptsMicros()).as("pts of packet %d", i).isEqualTo(i * 1_000_000L / 30);
            assertThat(packets.get(i).isKeyframe()).as("keyframe flag of packet %d", i).isEqualTo(i % 30 == 0);
        }
    }

    @Test
    void framesInHandAreEncodedWhenTheProducerStopsAndItsThreadIsGone() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        AsyncProducer producer = context.getEndpoint("h264:encode?gop=5").createAsyncProducer();
        producer.start();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(frame(n));
            sent.add(producer.processAsync(exchange));
        }
        producer.stop();
        for (int n = 0; n < sent.size(); n++) {
            Exchange exchange = sent.get(n).get(10, TimeUnit.SECONDS);
            assertThat(exchange.getException()).as("failure of frame %d", n).isNull();
            assertThat(exchange.getMessage().getBody(MediaPacket.class).ptsMicros()).as("pts of frame %d", n).isEqualTo(n * 33_333L);
        }
        // The pool is terminated once its worker has run its last task; the thread itself ends a moment later.
        long deadline = System.currentTimeMillis() + 2000;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains("h264:encode"))
               && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().contains("h264:encode"));
    }

    @Test
    void aFrameSentAfterTheStopFailsWithAReason() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        AsyncProducer producer = context.getEndpoint("h264:encode").createAsyncProducer();
        producer.start();
        producer.stop();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(frame(0));
        producer.processAsync(exchange).get(10, TimeUnit.SECONDS);
        assertThat(exchange.getException()).hasMessageContaining("h264:encode is stopped; the frame was not encoded");
    }

    @Test
    void theRouteAfterTheEncoderMayFeedItAgain() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        AsyncProducer producer = context.getEndpoint("h264:encode").createAsyncProducer();
        producer.start();
        try {
            Exchange first = new DefaultExchange(context);
            first.getMessage().setBody(frame(0));
            Exchange second = new DefaultExchange(context);
            second.getMessage().setBody(frame(1));
            CompletableFuture<Exchange> again = new CompletableFuture<>();
            // The callback runs on the encoding thread, as the rest of a route would.
            producer.process(first, doneSync -> {
                try {
                    producer.process(second);
                    again.complete(second);
                } catch (Exception e) {
                    again.completeExceptionally(e);
                }
            });
            Exchange result = again.get(10, TimeUnit.SECONDS);
            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getBody()).isInstanceOf(MediaPacket.class);
        } finally {
            producer.stop();
        }
    }
}
