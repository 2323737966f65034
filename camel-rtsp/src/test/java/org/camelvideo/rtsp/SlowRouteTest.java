package org.camelvideo.rtsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route pulling with {@code from("rtsp:...")} that takes far longer than the stream leaves
 * the component's event loop, shared with the readers of an {@code rtsp:} server, free.
 */
class SlowRouteTest {

    @ParameterizedTest
    @ValueSource(strings = { "TCP", "UDP" })
    void aSlowPullingRouteDoesNotHoldUpTheReadersOfAServerOnTheSameEventLoop(String transport) throws Exception {
        // One event loop, so the pulling client and the reader below are certain to share it.
        try (Server server = new Server("/live", "", 1).feed(Clip.hd(30, 10), false)) {
            List<MediaPacket> routed = Collections.synchronizedList(new ArrayList<>());
            server.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.url + "?transport=" + transport + "&maxQueueBytes=300000").routeId("slow")
                            .process(e -> {
                                routed.add(e.getIn().getBody(MediaPacket.class));
                                Thread.sleep(100);
                            });
                }
            });
            long deadline = System.currentTimeMillis() + 10_000;
            while (routed.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(routed).as("the pulling route started").isNotEmpty();
            // On the event loop, the route's 100 ms per frame would let 10 frames a second through.
            ServerFfmpegTest.assertPlaysInRealTime(server.url);
            RtspConsumer consumer = (RtspConsumer) server.context.getRoute("slow").getConsumer();
            if (transport.equals("UDP")) {
                assertThat(consumer.getDroppedPackets()).as("UDP cannot be paused: dropped up to keyframes").isPositive();
            }
            server.context.getRouteController().stopRoute("slow");
            List<MediaPacket> seen;
            synchronized (routed) {
                seen = new ArrayList<>(routed);
            }
            assertThat(seen.size()).as("the route ran at its own pace").isBetween(20, 120);
            assertThat(seen.get(0).isKeyframe()).isTrue();
            for (int i = 1; i < seen.size(); i++) {
                if (seen.get(i).ptsMicros() - seen.get(i - 1).ptsMicros() > 100_000) {
                    assertThat(seen.get(i).isKeyframe()).as("packet %d follows a gap", i).isTrue();
                }
            }
        }
        ServerProtocolTest.assertNoThreadLeft();
    }

    /**
     * What waits for a slow route when it stops is stale live media: the stop drops it and returns
     * once the exchange in flight is done, with no error for the packets it never ran.
     */
    @Test
    void stoppingASlowPullingRouteIsPromptAndReportsNoError() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false)) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            server.context.getRegistry().bind("errors", new Recorder(errors));
            List<MediaPacket> routed = new CopyOnWriteArrayList<>();
            server.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.url + "?exceptionHandler=#errors").routeId("slow").process(e -> {
                        routed.add(e.getIn().getBody(MediaPacket.class));
                        Thread.sleep(300);
                    });
                }
            });
            // At 3 packets a second against 30 frames a second, half a minute of route work is waiting by then.
            Thread.sleep(3000);
            assertThat(routed).as("the pulling route started").isNotEmpty();
            long start = System.nanoTime();
            server.context.getRouteController().stopRoute("slow");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("time to stop the route").isLessThan(2000);
            assertThat(errors).as("errors reported while stopping").isEmpty();
        }
        ServerProtocolTest.assertNoThreadLeft();
    }

    /** An exception handler that keeps what it is given. */
    private static final class Recorder implements ExceptionHandler {
        private final List<Throwable> errors;

        Recorder(List<Throwable> errors) {
            this.errors = errors;
        }

        @Override
        public void handleException(Throwable exception) {
            errors.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            errors.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            errors.add(exception);
        }
    }
}
