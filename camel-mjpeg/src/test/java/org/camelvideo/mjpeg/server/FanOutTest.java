package org.camelvideo.mjpeg.server;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.CamelContext;
import org.camelvideo.mjpeg.Await;
import org.camelvideo.mjpeg.FramePump;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.mjpeg.MjpegEndpoint;
import org.camelvideo.mjpeg.Readers;
import org.camelvideo.mjpeg.TestJpegs;
import org.camelvideo.mjpeg.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 readers of a 640x480 stream at 30 fps, and one reader that connects and never reads: every
 * live reader keeps the full rate, the stalled one only loses frames itself and is closed after
 * the viewer timeout.
 */
class FanOutTest {

    private static final int READERS = 50;
    private static final int FPS = 30;

    @Test
    void fiftyReadersGetThirtyFramesPerSecondWhileOneReaderStalls() throws Exception {
        List<byte[]> frames = TestJpegs.frames(640, 480);
        int port = FreePort.find();
        String uri = "mjpeg://127.0.0.1:" + port + "/stream?maxClients=0&viewerTimeout=3000";
        CamelContext context = TestServer.start(uri);
        MjpegEndpoint endpoint = context.getEndpoint(uri, MjpegEndpoint.class);
        try (FramePump pump = new FramePump(context.createProducerTemplate(), "direct:in", frames, FPS, 30);
             Socket stalled = stalledReader(port);
             Readers readers = new Readers(READERS, URI.create("http://127.0.0.1:" + port + "/stream"), 2)) {
            Await.until(10, "all readers watching", () -> endpoint.getViewerCount() == READERS + 1);
            Thread.sleep(1000);
            long[] before = readers.counts();
            long start = System.nanoTime();
            Thread.sleep(5000);
            long[] after = readers.counts();
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] rates = Readers.rates(before, after, seconds);
            System.out.printf("%d readers over %.1f s: min %.2f fps, median %.2f fps, max %.2f fps%n", READERS, seconds,
                    rates[0], rates[READERS / 2], rates[READERS - 1]);

            assertThat(rates[0]).as("the slowest of %d readers, fps (median %.1f)", READERS, rates[READERS / 2])
                    .isGreaterThanOrEqualTo(29.0);
            assertThat(readers.drops()).isZero();
            // the kernel's socket buffers (up to 4 MB for the server's side) fill before the viewer timeout starts
            Await.until(20, "the stalled reader closed after viewerTimeout", () -> endpoint.getViewersTimedOut() == 1);
            assertThat(endpoint.getFramesSkipped()).as("frames the stalled reader skipped").isPositive();
            assertThat(endpoint.getViewerCount()).isEqualTo(READERS);
        } finally {
            context.stop();
        }
    }

    /** Asks for the stream with a tiny receive window and then reads nothing. */
    private static Socket stalledReader(int port) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = s.getOutputStream();
        out.write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
