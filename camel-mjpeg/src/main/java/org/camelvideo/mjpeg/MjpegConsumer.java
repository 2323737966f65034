package org.camelvideo.mjpeg;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaConsumer;
import org.camelvideo.mjpeg.client.ClientHealthCheck;
import org.camelvideo.mjpeg.client.ClientSettings;
import org.camelvideo.mjpeg.client.LatestWins;
import org.camelvideo.mjpeg.client.MjpegClient;
import org.camelvideo.mjpeg.client.PartListener;
import org.camelvideo.mjpeg.client.ShownUrl;
import org.camelvideo.mjpeg.jpeg.Jpeg;
import org.camelvideo.mjpeg.multipart.JpegPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits each picture of a camera's MJPEG stream as a JPEG {@code byte[]}. The route runs on a
 * thread of its own, fed through {@link LatestWins}: a slow route gets the newest picture and
 * never holds up the connection.
 */
public class MjpegConsumer extends MediaConsumer implements PartListener {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegConsumer.class);

    private final AtomicLong sequence = new AtomicLong();
    private MjpegClient client;
    private LatestWins<Picture> latest;
    private ExecutorService routeThread;

    public MjpegConsumer(MjpegEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public MjpegEndpoint getEndpoint() {
        return (MjpegEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        MjpegEndpoint e = getEndpoint();
        MjpegAddress address = e.parsedAddress();
        String username = e.getUsername();
        String password = e.getPassword();
        if (username == null && address.userInfo() != null) {
            String[] userInfo = address.userInfo().split(":", 2);
            username = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
            password = userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : null;
        }
        if (e.getMaxFrameSize() <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, got " + e.getMaxFrameSize());
        }
        client = new MjpegClient(new ClientSettings(address.cameraUrl(), username, password, e.getMaxFrameSize(),
                e.getConnectTimeout(), e.getReadTimeout(), e.getReconnectDelay(), e.getMaxReconnectDelay(),
                e.getSslContextParameters() == null ? null : e.getSslContextParameters().createSSLContext(getEndpoint().getCamelContext())),
                this);
        if (e.getComponent().isHealthCheckConsumerEnabled()) {
            setHealthCheck(new ClientHealthCheck(getRouteId(), client, ShownUrl.of(address.cameraUrl())));
        }
        // CamelVideoSequence counts from 0 each time the consumer starts, as documented.
        sequence.set(0);
        LatestWins<Picture> slot = new LatestWins<>();
        latest = slot;
        // Named without the query, which some cameras use for credentials.
        URI camera = address.cameraUrl();
        routeThread = e.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "mjpeg-route[" + camera.getHost() + ":" + camera.getPort() + camera.getPath() + "]");
        routeThread.execute(() -> runRoute(slot));
        client.start();
    }

    private void runRoute(LatestWins<Picture> slot) {
        try {
            for (Picture picture = slot.take(); picture != null; picture = slot.take()) {
                deliver(picture);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.stop();
            client = null;
            setHealthCheck(null);
        }
        if (routeThread != null) {
            // Not interrupted: the exchange in flight (a file being written, an upload) finishes.
            latest.close();
            if (!endThreads(routeThread)) {
                LOG.warn("The route of {} did not finish its picture within {} s", getEndpoint().getCameraUrl(), STOP_WAIT_SECONDS);
            }
            routeThread = null;
            if (latest.skipped() > 0) {
                LOG.info("{}: the route was slower than the camera; {} pictures were skipped for newer ones",
                         getEndpoint().getCameraUrl(), latest.skipped());
            }
        }
        super.doStop();
    }

    @Override
    public void onPart(JpegPart part) {
        LatestWins<Picture> slot = latest;
        if (slot != null) {
            long timestamp = part.timestampMicros() >= 0 ? part.timestampMicros() : System.currentTimeMillis() * 1000L;
            slot.offer(new Picture(part, sequence.getAndIncrement(), timestamp));
        }
    }

    /** A picture as received: its place in the stream and its time, though the route may take it later. */
    private record Picture(JpegPart part, long sequence, long timestampMicros) {
    }

    private void deliver(Picture picture) {
        JpegPart part = picture.part();
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(part.data());
        message.setHeader(MjpegConstants.CONTENT_TYPE, part.contentType());
        message.setHeader(MjpegConstants.TIMESTAMP, picture.timestampMicros());
        message.setHeader(MjpegConstants.SEQUENCE, picture.sequence());
        message.setHeader(MjpegConstants.CODEC, Codec.JPEG);
        int[] size = Jpeg.size(part.data());
        if (size != null) {
            message.setHeader(MjpegConstants.WIDTH, size[0]);
            message.setHeader(MjpegConstants.HEIGHT, size[1]);
        }
        processAndRelease(exchange, "Error processing a picture from the MJPEG camera");
    }

    @Override
    public void onDrop(String reason) {
        LOG.debug("Dropped a part from {}: {}", getEndpoint().getCameraUrl(), reason);
    }

    /** Pictures received since the consumer started. */
    public long getPartsReceived() {
        MjpegClient c = client;
        return c == null ? 0 : c.partsReceived();
    }

    /** Parts dropped (oversized, not a JPEG) since the consumer started. */
    public long getPartsDropped() {
        MjpegClient c = client;
        return c == null ? 0 : c.partsDropped();
    }

    /** Pictures the route was too slow for: a newer one came before it took them. */
    public long getPartsSkipped() {
        LatestWins<Picture> slot = latest;
        return slot == null ? 0 : slot.skipped();
    }

    /** Why the last connection failed or ended, null while pictures arrive. */
    public String getLastError() {
        MjpegClient c = client;
        return c == null ? null : c.lastError();
    }

    /** Whether pictures are arriving now. */
    public boolean isReceiving() {
        MjpegClient c = client;
        return c != null && c.isReceiving();
    }
}
