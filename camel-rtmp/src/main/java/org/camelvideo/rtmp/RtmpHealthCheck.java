package org.camelvideo.rtmp;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.camelvideo.rtmp.client.RtmpConnection;

/**
 * UP while a client endpoint is publishing or playing, DOWN with the reason (refused, cannot
 * connect, connection lost) while it is out and retrying. The id and messages mask the stream.
 */
final class RtmpHealthCheck extends AbstractHealthCheck {

    private final RtmpConnection connection;
    private final RtmpEndpoint endpoint;

    RtmpHealthCheck(String group, RtmpEndpoint endpoint, RtmpConnection connection) {
        super("camel", group + ":rtmp:" + endpoint.clientTarget());
        this.endpoint = endpoint;
        this.connection = connection;
    }

    @Override
    public boolean isLiveness() {
        // A server being away does not make this JVM need a restart.
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail(ENDPOINT_URI, endpoint.getEndpointUri());
        if (endpoint.getPublisher() != null) {
            builder.detail("sent", endpoint.getPublisher().sentCount());
            builder.detail("dropped", endpoint.getPublisher().droppedCount());
        }
        if (connection.isUp()) {
            builder.up();
        } else {
            builder.message(connection.target() + ": " + connection.lastProblem()).down();
        }
    }
}
