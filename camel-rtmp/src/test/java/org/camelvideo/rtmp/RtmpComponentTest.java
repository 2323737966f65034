package org.camelvideo.rtmp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.docs.ComponentDocsCheck;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.server.RtmpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Camel side: URIs, masking, bad input, shared servers, health, threads, docs. */
class RtmpComponentTest {

    static {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void referencePageDocumentsEveryOptionAndHeader() throws Exception {
        assertThat(ComponentDocsCheck.problems("rtmp", "META-INF/org/camelvideo/rtmp/rtmp.json")).isEmpty();
    }

    @Test
    void uriPartsAndDefaults() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            RtmpEndpoint plain = context.getEndpoint("rtmp://example.com/live/cam1", RtmpEndpoint.class);
            assertThat(plain.resolvedPort()).isEqualTo(1935);
            assertThat(plain.resolvedApp()).isEqualTo("live");
            assertThat(plain.clientTarget().streamName()).isEqualTo("cam1");
            assertThat(plain.clientTarget().tcUrl()).isEqualTo("rtmp://example.com:1935/live");

            RtmpEndpoint tls = context.getEndpoint("rtmps://example.com/app/a/b", RtmpEndpoint.class);
            assertThat(tls.resolvedPort()).isEqualTo(443);
            assertThat(tls.clientTarget().streamName()).isEqualTo("a/b");
            assertThat(tls.clientTarget().tcUrl()).isEqualTo("rtmps://example.com:443/app");

            RtmpEndpoint bvc = context.getEndpoint("rtmp://live-push.bilivideo.com/live-bvc/?streamKey=RAW(?streamname=live_1_2&key=abc)",
                                                   RtmpEndpoint.class);
            assertThat(bvc.resolvedApp()).isEqualTo("live-bvc");
            assertThat(bvc.clientTarget().streamName()).isEqualTo("?streamname=live_1_2&key=abc");
            assertThat(bvc.clientTarget().tcUrl()).isEqualTo("rtmp://live-push.bilivideo.com:1935/live-bvc");

            RtmpEndpoint pasted = context.getEndpoint("rtmp://live-push.bilivideo.com/live-bvc/?streamname=live_1_2&key=abc&pflag=1"
                                                      + "&reconnectDelay=500", RtmpEndpoint.class);
            assertThat(pasted.resolvedApp()).isEqualTo("live-bvc");
            assertThat(pasted.getReconnectDelay()).isEqualTo(500);
            assertThat(pasted.clientTarget().streamName()).isEqualTo("?key=abc&pflag=1&streamname=live_1_2");
            assertThat(pasted.getEndpointUri()).isEqualTo("rtmp://live-push.bilivideo.com/live-bvc/?reconnectDelay=500&streamKey=xxxxxx");

            RtmpEndpoint slashKey = context.getEndpoint("rtmp://h:1940/x/y?app=live2", RtmpEndpoint.class);
            assertThat(slashKey.resolvedApp()).isEqualTo("live2");
            assertThat(slashKey.clientTarget().streamName()).isEqualTo("x/y");
            assertThat(slashKey.clientTarget().tcUrl()).isEqualTo("rtmp://h:1940/live2");
        } finally {
            context.stop();
        }
    }

    @Test
    void keysAreMaskedWhereverTheEndpointIsPrinted() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            RtmpEndpoint inPath = context.getEndpoint("rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl", RtmpEndpoint.class);
            assertThat(inPath.getEndpointUri()).isEqualTo("rtmp://a.rtmp.youtube.com/live2/xxxxxx");
            assertThat(inPath.toString()).doesNotContain("abcd");
            assertThat(inPath.clientTarget().toString()).doesNotContain("abcd");

            RtmpEndpoint option = context.getEndpoint("rtmp://h/live-bvc/?streamKey=RAW(?streamname=s&key=topsecret)", RtmpEndpoint.class);
            assertThat(option.getEndpointUri()).doesNotContain("topsecret").contains("streamKey=xxxxxx");

            RtmpEndpoint server = context.getEndpoint("rtmp://0.0.0.0:19350/live/cam?role=server&streamKey=s3", RtmpEndpoint.class);
            assertThat(server.getEndpointUri()).contains("/live/cam").doesNotContain("s3");
        } finally {
            context.stop();
        }
    }

    @Test
    void badUrisAndOptionsNameTheProblem() {
        CamelContext context = new DefaultCamelContext();
        // Not a pasted key: the stream has a name, so an unknown option is an error, refused when the route makes its producer
        // or consumer, where Camel prints the endpoint's masked URI; resolving the URI, it would print the key in the path.
        for (String uri : List.of("rtmp://h/live/PATHKEY?bitrat=5", "rtmp://h/live/?streamKey=OPTIONKEY&bitrat=5",
                                  "rtmp://h/live/x?streamname=s&key=topsecret")) {
            CamelContext routes = new DefaultCamelContext();
            assertThatThrownBy(() -> {
                routes.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to(uri);
                    }
                });
                routes.start();
            }).as(uri).satisfies(e -> assertThat(stackTrace(e)).contains("rtmp: unknown option").contains("(values not shown)")
                    .doesNotContain("PATHKEY").doesNotContain("OPTIONKEY").doesNotContain("topsecret"));
            routes.stop();
        }
        CamelContext server = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            server.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://0.0.0.0/live/?role=server&streamname=s").to("log:x");
                }
            });
            server.start();
        }).hasStackTraceContaining("rtmp: unknown option [streamname]");
        server.stop();
        assertThatThrownBy(() -> context.getEndpoint("rtmp://h:port/live/x")).hasMessageContaining("port 'port' is not a number");
        assertThatThrownBy(() -> context.getEndpoint("rtmp:///live/x")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> context.getEndpoint("rtmp://h/live/x?role=relay")).hasMessageContaining("relay");
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void wrongBodyTypeFailsTheExchangeWithItsName() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("rtmp://127.0.0.1:" + port + "/live/x?reconnectDelay=60000");
            }
        });
        context.start();
        try {
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:in", "hello"))
                    .isInstanceOf(CamelExecutionException.class).cause()
                    .hasMessageContaining("MediaPacket").hasMessageContaining("java.lang.String");
        } finally {
            context.stop();
        }
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }

    @Test
    void serverRoleCannotPublish() {
        CamelContext context = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("rtmp://127.0.0.1:1/live/x?role=server");
                }
            });
            context.start();
        }).isInstanceOf(FailedToStartRouteException.class).hasStackTraceContaining("role=server accepts publishers");
        context.stop();
    }

    @Test
    void healthIsDownWithTheReasonWhileNoServerAnswers() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.setExposureLevel("full");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("rtmp://127.0.0.1:" + port + "/live/secretname?reconnectDelay=60000");
            }
        });
        context.start();
        // Camel keeps producer checks off until asked (camel.health.producersEnabled=true).
        HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class).setEnabled(true);
        try {
            RtmpEndpoint endpoint = context.getEndpoints().stream().filter(RtmpEndpoint.class::isInstance)
                    .map(RtmpEndpoint.class::cast).findFirst().orElseThrow();
            long deadline = System.currentTimeMillis() + 5000;
            while (endpoint.getPublisher().connection().lastProblem().equals("not connected yet")
                   && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            HealthCheck.Result result = HealthCheckHelper.invoke(context).stream()
                    .filter(r -> r.getCheck().getId().contains("rtmp:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no rtmp health check registered"));
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("cannot connect").doesNotContain("secretname"));
            assertThat(result.getCheck().getId()).doesNotContain("secretname");
        } finally {
            context.stop();
        }
    }

    @Test
    void aPlayingConsumerIsDownWhileItsServerIsAway() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/cam?reconnectDelay=60000").routeId("play").to("log:x?level=OFF");
            }
        });
        context.start();
        // As Camel Main does with camel.health.consumersEnabled=true.
        HealthCheckHelper.getHealthCheckRepository(context, "consumers", HealthCheckRepository.class).setEnabled(true);
        try {
            RtmpConsumer consumer = (RtmpConsumer) context.getRoute("play").getConsumer();
            long deadline = System.currentTimeMillis() + 5000;
            while (consumer.getConnection().lastProblem().equals("not connected yet") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            HealthCheck.Result result = HealthCheckHelper.invoke(context).stream()
                    .filter(r -> r.getCheck().getId().contains("play")).findFirst()
                    .orElseThrow(() -> new AssertionError("no consumer health check for the route"));
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(consumer.getHealthCheck().call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("cannot connect"));
        } finally {
            context.stop();
        }
    }

    @Test
    void endpointsOnOneAddressShareOneServerClosedWithTheLast() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/a?role=server").routeId("a").to("log:a?level=OFF");
                from("rtmp://127.0.0.1:" + port + "/live/b?role=server").routeId("b").to("log:b?level=OFF");
            }
        });
        context.start();
        try {
            RtmpServer a = ((RtmpConsumer) context.getRoute("a").getConsumer()).getServer();
            RtmpServer b = ((RtmpConsumer) context.getRoute("b").getConsumer()).getServer();
            assertThat(a).isSameAs(b);
            context.getRouteController().stopRoute("a");
            assertThat(Peers.listening(port)).as("still open for b").isTrue();
            context.getRouteController().stopRoute("b");
            assertThat(Peers.closedWithin(port, 2000)).as("closed with the last endpoint").isTrue();
        } finally {
            context.stop();
        }
        assertThat(LeakWatch.rtmpThreads()).as("no thread left after the context stopped").isEmpty();
    }

    @Test
    void oversizedOrUnusablePacketsAreRefusedByName() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("rtmp://127.0.0.1:" + port + "/live/x?reconnectDelay=60000");
            }
        });
        context.start();
        try {
            MediaPacket huge = new MediaPacket(Codec.H264, new byte[17 * 1024 * 1024], 0, 0, true, null);
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:in", huge))
                    .isInstanceOf(CamelExecutionException.class).cause()
                    .hasMessageContaining("17825792 bytes").hasMessageContaining("larger than an RTMP message");
            MediaPacket bareAac = new MediaPacket(Codec.AAC, new byte[] { 1, 2 }, 0, 0, true, null);
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:in", bareAac))
                    .isInstanceOf(CamelExecutionException.class).cause().hasMessageContaining("without its CodecConfig");
            MediaPacket opus = new MediaPacket(Codec.OPUS, new byte[] { 1 }, 0, 0, true, null);
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:in", opus))
                    .isInstanceOf(CamelExecutionException.class).cause().hasMessageContaining("not OPUS");
        } finally {
            context.stop();
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsGivenUp() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("rtmp://127.0.0.1:" + silent.getLocalPort() + "/live/x?connectTimeout=500&reconnectDelay=60000");
                }
            });
            context.start();
            try {
                RtmpEndpoint endpoint = context.getEndpoints().stream().filter(RtmpEndpoint.class::isInstance)
                        .map(RtmpEndpoint.class::cast).findFirst().orElseThrow();
                long deadline = System.currentTimeMillis() + 5000;
                while (!endpoint.getPublisher().connection().lastProblem().contains("no RTMP session")
                       && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(endpoint.getPublisher().connection().lastProblem())
                        .isEqualTo("no RTMP session started within 500 ms of connecting");
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + taken.getLocalPort() + "/live/x?role=server").to("log:x?level=OFF");
                }
            });
            assertThatThrownBy(context::start).hasStackTraceContaining("RTMP server cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
            context.stop();
        }
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }
}
