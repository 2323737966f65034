package org.camelvideo.rtsp;

import java.util.Map;

import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.camelvideo.media.MediaConsumer;
import org.camelvideo.media.ReadFlow;
import org.camelvideo.rtsp.client.ClientSettings;
import org.camelvideo.rtsp.client.RtspClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a stream from an RTSP camera or server and emits one exchange per access unit, on a
 * route thread of its own: the client's Netty thread, which may also serve readers of an
 * {@code rtsp:} server, only queues them. Its health check is DOWN while the stream is not playing.
 */
@ManagedResource(description = "RTSP client")
public class RtspConsumer extends MediaConsumer implements HealthCheckAware {

    private static final Logger LOG = LoggerFactory.getLogger(RtspConsumer.class);

    private final RtspEndpoint endpoint;
    private volatile RtspClient client;
    private HealthCheck healthCheck;

    public RtspConsumer(RtspEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.healthCheck = new ClientHealthCheck();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (!endpoint.cameraQueryNames().isEmpty()) {
            // A misspelt option ends up here too: say what goes to the camera, by name only.
            LOG.info("Query parameters {} are no rtsp options: they go to the camera in its URL", endpoint.cameraQueryNames());
        }
        ClientSettings settings = new ClientSettings(endpoint.getHost(), endpoint.getPort(), endpoint.getPath(),
                endpoint.cameraQuery(), endpoint.getTransport() == RtspTransport.TCP, endpoint.getUsername(),
                endpoint.getPassword(), endpoint.getConnectTimeout(), endpoint.getMediaTimeout(), endpoint.getReconnectDelay(),
                endpoint.getMaxReconnectDelay(), endpoint.getMaxFrameLength());
        startRouteThread(endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath(), endpoint.getMaxQueueBytes(),
                         new ClientFlow(), "Error processing a packet from " + endpoint.getHost());
        client = new RtspClient(settings, endpoint.getComponent().eventLoops(), this::emit);
        client.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.stop();
            client = null;
        }
        stopRouteThread();
        super.doStop();
    }

    @ManagedAttribute(description = "Whether the stream is playing")
    public boolean isConnected() {
        RtspClient c = client;
        return c != null && c.isUp();
    }

    @Override
    @ManagedAttribute(description = "Access units dropped because the route fell behind the stream")
    public long getDroppedPackets() {
        return super.getDroppedPackets();
    }

    @ManagedAttribute(description = "RTP packets received")
    public long getPackets() {
        RtspClient c = client;
        return c == null ? 0 : c.packets();
    }

    /** The client's connection: paused over TCP, which slows the camera down; over UDP packets are dropped instead. */
    private final class ClientFlow implements ReadFlow {
        @Override
        public boolean pause() {
            RtspClient c = client;
            return c != null && c.pauseReading();
        }

        @Override
        public void resume() {
            RtspClient c = client;
            if (c != null) {
                c.resumeReading();
            }
        }
    }

    @Override
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    @Override
    public void setHealthCheck(HealthCheck healthCheck) {
        this.healthCheck = healthCheck;
    }

    /** UP while a session plays, DOWN with the reason while the client is out. */
    private final class ClientHealthCheck implements HealthCheck {
        private boolean enabled = true;

        @Override
        public String getGroup() {
            return "camel";
        }

        @Override
        public String getId() {
            return "consumer:rtsp:" + endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath();
        }

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        @Override
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public Result call(Map<String, Object> options) {
            HealthCheckResultBuilder b = HealthCheckResultBuilder.on(this).detail(ENDPOINT_URI, endpoint.displayUrl(endpoint.getHost()));
            RtspClient c = client;
            if (c != null && c.isUp()) {
                return b.up().build();
            }
            return b.down().message(c == null ? "not started" : "not playing: " + c.lastError()).build();
        }
    }
}
