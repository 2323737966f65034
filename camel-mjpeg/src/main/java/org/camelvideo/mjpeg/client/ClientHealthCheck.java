package org.camelvideo.mjpeg.client;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** UP while a camera's pictures arrive, DOWN (with the reason) while the client is out. */
public final class ClientHealthCheck extends AbstractHealthCheck {

    private final MjpegClient client;
    private final String url;

    public ClientHealthCheck(String routeId, MjpegClient client, String url) {
        super("camel", "consumer:" + routeId);
        this.client = client;
        this.url = url;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("url", url);
        builder.detail("parts.received", client.partsReceived());
        builder.detail("parts.dropped", client.partsDropped());
        if (client.isReceiving()) {
            builder.up();
        } else {
            String reason = client.lastError();
            builder.message(reason == null ? "Waiting for the first picture from " + url : "No pictures from " + url + ": " + reason);
            builder.down();
        }
    }
}
