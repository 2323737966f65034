package org.camelvideo.rtmp;

import io.netty.channel.Channel;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.camelvideo.media.MediaConsumer;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.client.ClientMode;
import org.camelvideo.rtmp.client.RtmpConnection;
import org.camelvideo.rtmp.client.SessionListener;
import org.camelvideo.rtmp.flv.FlvDepacketizer;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.server.PublishPoint;
import org.camelvideo.rtmp.server.PublishSink;
import org.camelvideo.rtmp.server.RtmpServer;

/**
 * Emits the {@link MediaPacket}s of a stream: one it plays from a server (client role), or the
 * one a publisher sends it (server role). Exchanges are processed on the connection's event
 * loop, so a slow route slows the sender down through TCP instead of filling memory.
 */
public class RtmpConsumer extends MediaConsumer implements PublishSink, HealthCheckAware {

    private RtmpConnection connection;
    private HealthCheck healthCheck;
    private RtmpServer server;
    private PublishPoint point;
    private volatile FlvDepacketizer playDepacketizer = new FlvDepacketizer();

    public RtmpConsumer(RtmpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public RtmpEndpoint getEndpoint() {
        return (RtmpEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RtmpEndpoint endpoint = getEndpoint();
        if (endpoint.getRole() == RtmpRole.server) {
            server = endpoint.getComponent().acquireServer(endpoint.getHost(), endpoint.resolvedPort());
            point = new PublishPoint(endpoint.resolvedApp(), endpoint.resolvedStream(), endpoint.getStreamKey(), this);
            server.add(point);
        } else {
            connection = new RtmpConnection(endpoint.getComponent().eventLoopGroup(), endpoint.clientTarget(), ClientMode.PLAY,
                                            endpoint.clientOptions(), new Player());
            connection.start();
            healthCheck = new RtmpHealthCheck("consumer", endpoint, connection);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            connection.stop();
            connection = null;
        }
        if (server != null) {
            server.remove(point);
            getEndpoint().getComponent().releaseServer(server);
            server = null;
        }
        super.doStop();
    }

    /** In the client role, UP while playing; Camel's consumer checks call it. Null in the server role. */
    @Override
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    @Override
    public void setHealthCheck(HealthCheck healthCheck) {
        this.healthCheck = healthCheck;
    }

    /** The server this consumer listens on in the server role, else null. */
    public RtmpServer getServer() {
        return server;
    }

    /** The play connection in the client role, else null. */
    public RtmpConnection getConnection() {
        return connection;
    }

    @Override
    public void packet(MediaPacket packet) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getIn();
        in.setBody(packet);
        MediaMessages.setPacketHeaders(in, packet);
        processAndRelease(exchange, "Error processing an RTMP packet");
    }

    /** Turns the played stream's messages into packets, starting afresh with each session. */
    private final class Player implements SessionListener {
        @Override
        public void ready(Channel channel, long streamId) {
            playDepacketizer = new FlvDepacketizer();
        }

        @Override
        public void media(RtmpMessage message) {
            MediaPacket packet;
            try {
                packet = playDepacketizer.depacketize(message);
            } finally {
                message.release();
            }
            if (packet != null) {
                packet(packet);
            }
        }

        @Override
        public void refused(String reason) {
            getExceptionHandler().handleException(new RtmpRefusedException(getEndpoint().clientTarget() + " refused to play: " + reason));
        }
    }
}
