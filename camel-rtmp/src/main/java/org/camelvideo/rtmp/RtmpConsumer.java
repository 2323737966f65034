package org.camelvideo.rtmp;

import io.netty.channel.Channel;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.camelvideo.media.MediaConsumer;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.ReadFlow;
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
 * one a publisher sends it (server role). Exchanges are processed on a route thread of the
 * consumer's: the connection's event loop, shared with other connections, only queues them,
 * and a route that falls behind drops packets up to the next keyframe ({@code maxPendingBytes}).
 */
public class RtmpConsumer extends MediaConsumer implements PublishSink, HealthCheckAware {

    private RtmpConnection connection;
    private HealthCheck healthCheck;
    private RtmpServer server;
    private PublishPoint point;
    private volatile FlvDepacketizer playDepacketizer = new FlvDepacketizer();
    private volatile Channel source;

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
        startRouteThread(endpoint.getHost() + ":" + endpoint.resolvedPort() + "/" + endpoint.resolvedApp(), endpoint.getMaxPendingBytes(),
                         new SourceFlow(), "Error processing an RTMP packet");
        if (endpoint.getRole() == RtmpRole.server) {
            server = endpoint.getComponent().acquireServer(endpoint.getHost(), endpoint.resolvedPort(), endpoint.getReadTimeout());
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
        stopRouteThread();
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
    public void packet(MediaPacket packet, Channel from) {
        source = from;
        emit(packet);
    }

    /** The connection the packets come from: the publisher's, or the one playing. */
    private final class SourceFlow implements ReadFlow {
        @Override
        public boolean pause() {
            Channel c = source;
            if (c == null) {
                return false;
            }
            c.config().setAutoRead(false);
            return true;
        }

        @Override
        public void resume() {
            Channel c = source;
            if (c != null) {
                c.config().setAutoRead(true);
            }
        }
    }

    /** Turns the played stream's messages into packets, starting afresh with each session. */
    private final class Player implements SessionListener {
        @Override
        public void ready(Channel channel, long streamId) {
            playDepacketizer = new FlvDepacketizer();
            source = channel;
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
                emit(packet);
            }
        }

        @Override
        public void refused(String reason) {
            getExceptionHandler().handleException(new RtmpRefusedException(getEndpoint().clientTarget() + " refused to play: " + reason));
        }
    }
}
