package org.camelvideo.mjpeg.server;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.mjpeg.Await;
import org.camelvideo.mjpeg.CapturedLog;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.mjpeg.Jpegs;
import org.camelvideo.mjpeg.MjpegComponent;
import org.camelvideo.mjpeg.MjpegEndpoint;
import org.camelvideo.mjpeg.MjpegThreads;
import org.camelvideo.mjpeg.StreamReader;
import org.camelvideo.mjpeg.TestJpegs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's HTTP surface, spoken to over real sockets. */
class MjpegServerTest {

    private static List<byte[]> frames;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private CamelContext context;
    private ProducerTemplate template;
    private int port;
    private long idleTimeout = 60_000;

    @BeforeAll
    static void makeFrames() throws Exception {
        frames = TestJpegs.frames(640, 480);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String... endpoints) throws Exception {
        port = FreePort.find();
        context = new DefaultCamelContext();
        context.getComponent("mjpeg", MjpegComponent.class).setIdleTimeout(idleTimeout);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < endpoints.length; i++) {
                    from("direct:in" + i).routeId("r" + i).to(endpoints[i].replace("PORT", String.valueOf(port)));
                }
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private HttpResponse<byte[]> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void viewerPageAtRootShowsTheStream() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        HttpResponse<byte[]> page = request("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<img src=\"/stream\"", "/stream.json");
    }

    @Test
    void streamPartsCarryContentTypeAndLengthAndTheSentBytes() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        template.sendBody("direct:in0", frames.get(0));
        try (StreamReader reader = new StreamReader(port, "/stream")) {
            assertThat(reader.head()).startsWith("HTTP/1.1 200 OK")
                    .contains("content-type: multipart/x-mixed-replace;boundary=mjpegframe")
                    .contains("cache-control: no-store");
            StreamReader.Part first = reader.next();
            assertThat(first.delimiter()).isEqualTo("--mjpegframe");
            assertThat(first.headers()).contains("Content-Type: image/jpeg", "Content-Length: " + frames.get(0).length);
            assertThat(first.body()).as("a new viewer gets the latest frame at once").isEqualTo(frames.get(0));
            template.sendBody("direct:in0", frames.get(1));
            assertThat(reader.next().body()).isEqualTo(frames.get(1));
        }
    }

    @Test
    void snapshotIsTheLatestFrame() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        HttpResponse<byte[]> none = request("GET", "/stream.jpg");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("No frame");

        template.sendBody("direct:in0", frames.get(3));
        template.sendBody("direct:in0", frames.get(4));
        HttpResponse<byte[]> snapshot = request("GET", "/stream.jpg?t=123");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(snapshot.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(snapshot.body()).isEqualTo(frames.get(4));
        BufferedImage image = Jpegs.decode(snapshot.body());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        template.sendBody("direct:in0", frames.get(0));
        for (String path : List.of("/", "/stream", "/stream.jpg", "/stream.json")) {
            HttpResponse<byte[]> head = request("HEAD", path);
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Cache-Control").orElseThrow()).as(path).contains("no-store");
        }
        assertThat(request("HEAD", "/stream").headers().firstValue("Content-Type"))
                .hasValue("multipart/x-mixed-replace;boundary=mjpegframe");
        assertThat(request("HEAD", "/stream.jpg").headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(frames.get(0).length));
        assertThat(endpoint().getViewerCount()).isZero();
    }

    @Test
    void unknownPathIs404AndOtherMethodsAre405() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        assertThat(request("GET", "/nothing").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> post = request("POST", "/stream");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(request("DELETE", "/stream.jpg").statusCode()).isEqualTo(405);
    }

    @Test
    void theStreamAndAPageAreReachedWithATrailingSlash() throws Exception {
        String page = "<html><body><img src=\"/cam/\"></body></html>";
        start("mjpeg://127.0.0.1:PORT/stream", "mjpeg://127.0.0.1:PORT/cam?pagePath=/view&html=" + page);
        template.sendBody("direct:in0", frames.get(0));
        try (StreamReader reader = new StreamReader(port, "/stream/")) {
            assertThat(reader.head()).startsWith("HTTP/1.1 200 OK")
                    .contains("content-type: multipart/x-mixed-replace;boundary=mjpegframe");
            assertThat(reader.next().body()).isEqualTo(frames.get(0));
            template.sendBody("direct:in0", frames.get(1));
            assertThat(reader.next().body()).isEqualTo(frames.get(1));
        }
        HttpResponse<byte[]> view = request("GET", "/view/");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(new String(view.body(), StandardCharsets.UTF_8)).isEqualTo(page);
    }

    @Test
    void figuresCountViewers() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        try (StreamReader a = watching(); StreamReader b = watching()) {
            String json = new String(request("GET", "/stream.json").body(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"width\":640", "\"height\":480", "\"viewers\":2", "\"frames\":1");
        }
    }

    @Test
    void maxClientsAnswers503BeyondTheLimit() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream?maxClients=2");
        MjpegEndpoint endpoint = endpoint();
        try (StreamReader a = watching(); StreamReader b = watching()) {
            HttpResponse<byte[]> third = request("GET", "/stream");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("maxClients");
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(endpoint.getViewersRejected()).isEqualTo(1);
            assertThat(request("GET", "/stream.jpg").statusCode()).as("snapshots are not viewers").isEqualTo(200);
        }
        Await.until(5, "the viewers gone", () -> endpoint.getViewerCount() == 0);
        try (StreamReader c = new StreamReader(port, "/stream")) {
            assertThat(c.next().body()).isEqualTo(frames.get(0));
        }
    }

    @Test
    void basicAuthIsAskedOfEveryRequestAndThePasswordIsNeverShown() throws Exception {
        CapturedLog log = new CapturedLog();
        try (log) {
            start("mjpeg://127.0.0.1:PORT/stream?username=alice&password=s3cr3t-pw");
            template.sendBody("direct:in0", frames.get(0));
            assertThat(request("GET", "/stream.jpg").statusCode()).isEqualTo(401);
            assertThat(request("GET", "/").headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
            assertThat(request("GET", "/stream.jpg", "Authorization", basic("alice", "wrong")).statusCode()).isEqualTo(401);
            assertThat(request("GET", "/nothing", "Authorization", basic("alice", "wrong")).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> ok = request("GET", "/stream.jpg", "Authorization", basic("alice", "s3cr3t-pw"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(frames.get(0));
            try (StreamReader r = new StreamReader(port, "/stream", "Authorization: " + basic("alice", "s3cr3t-pw"))) {
                assertThat(r.next().body()).isEqualTo(frames.get(0));
            }
            MjpegEndpoint endpoint = endpoint();
            assertThat(endpoint.toString()).doesNotContain("s3cr3t-pw");
            context.stop();
        }
        assertThat(log.text()).contains("MJPEG stream at", "password=xxxxxx")
                .doesNotContain("s3cr3t-pw");
    }

    @Test
    void startupLogPrintsTheUrls() throws Exception {
        CapturedLog log = new CapturedLog();
        try (log) {
            start("mjpeg://127.0.0.1:PORT/cam");
        }
        String base = "http://127.0.0.1:" + port;
        assertThat(endpoint().getServerUrl()).isEqualTo(base);
        assertThat(log.text())
                .contains("MJPEG stream at " + base + "/cam (viewer page " + base + "/, snapshot " + base + "/cam.jpg)");
    }

    @Test
    void usersOwnPageReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.html");
        Files.writeString(file, "<html><body><img src=\"/b\"></body></html>");
        start("mjpeg://127.0.0.1:PORT/a?html=<html><body><img src=\"/a\"></body></html>",
                "mjpeg://127.0.0.1:PORT/b?htmlFile=" + file + "&pagePath=/b.html");
        assertThat(new String(request("GET", "/").body(), StandardCharsets.UTF_8))
                .isEqualTo("<html><body><img src=\"/a\"></body></html>");
        assertThat(new String(request("GET", "/b.html").body(), StandardCharsets.UTF_8))
                .isEqualTo("<html><body><img src=\"/b\"></body></html>");
    }

    @Test
    void badBodiesFailTheirExchangeWithAClearErrorAndTheStreamGoesOn() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream?maxFrameSize=100000");
        template.sendBody("direct:in0", frames.get(0));
        try (StreamReader reader = new StreamReader(port, "/stream")) {
            assertThat(reader.next().body()).isEqualTo(frames.get(0));
            assertThatThrownBy(() -> template.sendBody("direct:in0", "hello"))
                    .isInstanceOf(CamelExecutionException.class).cause()
                    .hasMessageContaining("needs a JPEG byte[], a JPEG MediaPacket, a VideoFrame or a list of VideoFrames as body, not java.lang.String");
            assertThatThrownBy(() -> template.sendBody("direct:in0", new byte[] { 1, 2, 3, 4 }))
                    .cause().hasMessageContaining("not a JPEG");
            byte[] big = new byte[100_001];
            big[0] = (byte) 0xFF;
            big[1] = (byte) 0xD8;
            assertThatThrownBy(() -> template.sendBody("direct:in0", big))
                    .cause().hasMessageContaining("Oversized frame").hasMessageContaining("maxFrameSize 100000");
            template.sendBody("direct:in0", frames.get(1));
            assertThat(reader.next().body()).isEqualTo(frames.get(1));
        }
    }

    @Test
    void endpointsOnOnePortShareOneServerThatClosesWithTheLast() throws Exception {
        start("mjpeg://127.0.0.1:PORT/a", "mjpeg://127.0.0.1:PORT/b");
        template.sendBody("direct:in0", frames.get(0));
        template.sendBody("direct:in1", frames.get(1));
        assertThat(request("GET", "/a.jpg").body()).isEqualTo(frames.get(0));
        assertThat(request("GET", "/b.jpg").body()).isEqualTo(frames.get(1));
        assertThat(new String(request("GET", "/").body(), StandardCharsets.UTF_8))
                .contains("<img src=\"/a\"", "<img src=\"/b\"");

        context.getRouteController().stopRoute("r0");
        assertThat(request("GET", "/a.jpg").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/b.jpg").body()).isEqualTo(frames.get(1));

        context.getRouteController().stopRoute("r1");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        Await.until(5, "no mjpeg thread left: " + MjpegThreads.alive(), () -> MjpegThreads.alive().isEmpty());

        context.getRouteController().startRoute("r1");
        template.sendBody("direct:in1", frames.get(2));
        assertThat(request("GET", "/b.jpg").body()).isEqualTo(frames.get(2));
    }

    @Test
    void noThreadOrConnectionIsLeftAfterTheRouteStopsWithViewersWatching() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        try (StreamReader a = watching(); StreamReader b = watching()) {
            context.getRouteController().stopRoute("r0");
            assertThatThrownBy(() -> {
                while (true) {
                    a.next();
                }
            }).isInstanceOf(IOException.class);
        }
        Await.until(5, "no mjpeg thread left: " + MjpegThreads.alive(), () -> MjpegThreads.alive().isEmpty());
    }

    @Test
    void malformedRequestsGet400AndBreakNothing() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream");
        try (StreamReader viewer = watching()) {
            for (String junk : List.of("GARBAGE\r\n\r\n", "GET /" + "x".repeat(10_000) + " HTTP/1.1\r\n\r\n",
                    "GET /stream HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(3000) + "\r\n")) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(junk.getBytes(StandardCharsets.ISO_8859_1));
                    String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                    assertThat(answer).as(junk.substring(0, Math.min(20, junk.length()))).isEqualTo("HTTP/1.1 400");
                }
            }
            template.sendBody("direct:in0", frames.get(1));
            assertThat(viewer.next().body()).isEqualTo(frames.get(1));
            assertThat(endpoint().getViewerCount()).isEqualTo(1);
        }
    }

    @Test
    void silentConnectionsAreClosedButViewersStay() throws Exception {
        idleTimeout = 300;
        start("mjpeg://127.0.0.1:PORT/stream");
        try (Socket silent = new Socket("127.0.0.1", port); StreamReader viewer = watching()) {
            silent.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertThat(silent.getInputStream().read()).as("end of stream").isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
            Thread.sleep(600);
            template.sendBody("direct:in0", frames.get(1));
            assertThat(viewer.next().body()).as("the viewer, silent as well, still watches").isEqualTo(frames.get(1));
        }
    }

    @Test
    void aPortInUseIsNamedAndLeavesNoThread() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int used = taken.getLocalPort();
            assertThatThrownBy(() -> start("mjpeg://127.0.0.1:" + used + "/stream"))
                    .hasStackTraceContaining("MJPEG server cannot listen on 127.0.0.1:" + used + ": Address already in use");
        }
        Await.until(5, "no mjpeg thread left: " + MjpegThreads.alive(), () -> MjpegThreads.alive().isEmpty());
    }

    @Test
    void routesSendingToOneEndpointShareItsStream() throws Exception {
        start("mjpeg://127.0.0.1:PORT/stream", "mjpeg://127.0.0.1:PORT/stream");
        template.sendBody("direct:in0", frames.get(0));
        template.sendBody("direct:in1", frames.get(1));
        assertThat(request("GET", "/stream.jpg").body()).isEqualTo(frames.get(1));
        context.getRouteController().stopRoute("r1");
        template.sendBody("direct:in0", frames.get(2));
        assertThat(request("GET", "/stream.jpg").body()).isEqualTo(frames.get(2));
        context.getRouteController().stopRoute("r0");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void endpointsSharingAPortMustAgreeOnCredentials() throws Exception {
        assertThatThrownBy(() -> start("mjpeg://127.0.0.1:PORT/a?username=u&password=p1",
                "mjpeg://127.0.0.1:PORT/b?username=u&password=p2"))
                .hasStackTraceContaining("must use the same username and password");
    }

    /** A viewer of /stream that has received its first part (frames.get(0), published here if needed). */
    private StreamReader watching() throws Exception {
        if (endpoint().getFramesPublished() == 0) {
            template.sendBody("direct:in0", frames.get(0));
        }
        StreamReader reader = new StreamReader(port, "/stream");
        assertThat(reader.next().body()).isEqualTo(frames.get(0));
        return reader;
    }

    private MjpegEndpoint endpoint() {
        return context.getEndpoints().stream().filter(MjpegEndpoint.class::isInstance).map(MjpegEndpoint.class::cast)
                .findFirst().orElseThrow();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
