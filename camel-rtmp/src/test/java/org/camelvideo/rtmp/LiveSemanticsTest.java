package org.camelvideo.rtmp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.client.RtmpPublisher;
import org.camelvideo.rtmp.peers.Feeder;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Live behaviour between this component's own publisher and server: a reader that falls behind
 * costs dropped (and counted) frames, never a blocked route; a peer sending garbage is cut off
 * without disturbing the publisher next to it.
 */
class LiveSemanticsTest {

    static {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void aSlowReaderCostsCountedDropsNeverABlockedRoute() throws Exception {
        int port = Peers.freePort();
        List<MediaPacket> clip = TestClips.packets();
        AtomicInteger received = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // The receiving route takes 50 ms a packet: far slower than the 70 packets a second sent. Its queue
                // is small, so the server soon stops reading and the publisher's socket fills.
                from("rtmp://127.0.0.1:" + port + "/live/slow?role=server&maxPendingBytes=65536").process(e -> {
                    received.incrementAndGet();
                    Thread.sleep(50);
                });
                from("direct:av").to("rtmp://127.0.0.1:" + port + "/live/slow?maxPendingBytes=65536&reconnectDelay=500");
            }
        });
        context.start();
        try {
            RtmpPublisher publisher = publishing(context);
            ProducerTemplate template = context.createProducerTemplate();
            long slowest = 0;
            for (MediaPacket p : clip) {
                long t = System.nanoTime();
                template.sendBody("direct:av", p);
                slowest = Math.max(slowest, System.nanoTime() - t);
            }
            assertThat(slowest / 1_000_000).as("the longest a send took, ms").isLessThan(500);
            assertThat(publisher.droppedCount()).as("frames dropped for the slow reader").isGreaterThan(clip.size() / 4);
            assertThat(publisher.sentCount() + publisher.droppedCount()).isEqualTo(clip.size());
            assertThat(publisher.connection().isUp()).isTrue();
        } finally {
            context.stop();
        }
        assertThat(received.get()).isPositive();
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }

    @Test
    void aListOfPacketsIsPublishedPacketByPacket() throws Exception {
        int port = Peers.freePort();
        List<MediaPacket> clip = TestClips.packets().subList(0, 120);
        AtomicInteger audio = new AtomicInteger();
        AtomicInteger video = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/list?role=server").process(e -> {
                    MediaPacket p = e.getMessage().getBody(MediaPacket.class);
                    (p.codec() == Codec.AAC ? audio : video).incrementAndGet();
                });
                from("direct:av").to("rtmp://127.0.0.1:" + port + "/live/list");
            }
        });
        context.start();
        try {
            RtmpPublisher publisher = publishing(context);
            // AAC packets two to an exchange, as h264:encode emits them from PCM frames of 2048 samples.
            ProducerTemplate template = context.createProducerTemplate();
            List<MediaPacket> pair = new ArrayList<>();
            int audioSent = 0;
            for (MediaPacket p : clip) {
                if (p.codec() == Codec.AAC) {
                    pair.add(p);
                    audioSent++;
                    if (pair.size() == 2) {
                        template.sendBody("direct:av", List.copyOf(pair));
                        pair.clear();
                    }
                } else {
                    template.sendBody("direct:av", p);
                }
                Thread.sleep(5);
            }
            int expected = audioSent - pair.size();
            long deadline = System.currentTimeMillis() + 10_000;
            while (audio.get() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(publisher.droppedCount()).isZero();
            assertThat(audio.get()).isEqualTo(expected);
            assertThat(video.get()).isEqualTo(clip.size() - audioSent);
            assertThatThrownBy(() -> template.sendBody("direct:av", List.of("not a packet")))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause()
                    .hasMessageContaining("MediaPacket").hasMessageContaining("ImmutableCollections");
        } finally {
            context.stop();
        }
    }

    @Test
    void garbageFromOnePeerLeavesTheOtherPublishing() throws Exception {
        int port = Peers.freePort();
        List<MediaPacket> clip = TestClips.packets();
        AtomicInteger received = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/good?role=server").process(e -> received.incrementAndGet());
                from("direct:av").to("rtmp://127.0.0.1:" + port + "/live/good");
            }
        });
        context.start();
        try {
            RtmpPublisher publisher = publishing(context);
            ProducerTemplate template = context.createProducerTemplate();
            for (MediaPacket p : clip.subList(0, 100)) {
                template.sendBody("direct:av", p);
            }
            try (Socket rogue = new Socket(InetAddress.getLoopbackAddress(), port)) {
                byte[] garbage = new byte[1 + 1536 * 2 + 4096];
                new Random(5).nextBytes(garbage);
                garbage[0] = 3;
                // After the handshake, a format 1 chunk header on a chunk stream never opened.
                garbage[1 + 1536 * 2] = 0x45;
                OutputStream out = rogue.getOutputStream();
                out.write(garbage);
                out.flush();
                rogue.setSoTimeout(5000);
                InputStream in = rogue.getInputStream();
                byte[] sink = new byte[8192];
                int n;
                do {
                    n = in.read(sink);
                } while (n > 0);
                assertThat(n).as("the server hung up on the rogue peer").isEqualTo(-1);
            }
            int before = received.get();
            for (MediaPacket p : clip.subList(100, 200)) {
                template.sendBody("direct:av", p);
            }
            long until = System.currentTimeMillis() + 5000;
            while (received.get() < before + 90 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(received.get()).as("packets after the rogue peer").isGreaterThanOrEqualTo(before + 90);
            assertThat(publisher.connection().isUp()).isTrue();
        } finally {
            context.stop();
        }
    }

    /**
     * Plays {@code millis} of the clip into {@code uri} in real time once the context's publisher
     * is connected, then stops the context; the publisher, for its counts.
     */
    static RtmpPublisher publishThenStop(CamelContext context, String uri, List<MediaPacket> clip, long millis) throws Exception {
        RtmpPublisher publisher = publishing(context);
        try (Feeder feeder = new Feeder(context.createProducerTemplate(), uri, clip, millis)) {
            feeder.join();
        } finally {
            context.stop();
        }
        return publisher;
    }

    /** The context's publisher, once connected (or after 10 s). */
    static RtmpPublisher publishing(CamelContext context) throws InterruptedException {
        RtmpPublisher publisher = context.getEndpoints().stream().filter(RtmpEndpoint.class::isInstance)
                .map(e -> ((RtmpEndpoint) e).getPublisher()).filter(p -> p != null).findFirst().orElseThrow();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!publisher.connection().isUp() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return publisher;
    }
}
