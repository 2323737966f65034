package org.camelvideo.rtmp;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.client.RtmpPublisher;

/**
 * Publishes each exchange's {@link MediaPacket} (H.264 or AAC), or each of a list of them in
 * order. Returns at once: the packet is
 * handed to the network or dropped and counted, never queued without bound.
 */
public class RtmpProducer extends DefaultProducer {

    private RtmpPublisher publisher;
    private RtmpHealthCheck healthCheck;
    private WritableHealthCheckRepository healthChecks;

    public RtmpProducer(RtmpEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public RtmpEndpoint getEndpoint() {
        return (RtmpEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<MediaPacket> packets = MediaMessages.packets(body);
        if (packets == null) {
            throw MediaMessages.notPackets("rtmp: publishes MediaPacket bodies (H264, H265 or AAC, e.g. from h264:encode) or lists"
                                           + " of them", body);
        }
        // The frames after it are dropped and counted while the connection waits to try again.
        String refusal = publisher.newRefusal();
        if (refusal != null) {
            throw new RtmpRefusedException(getEndpoint().clientTarget() + " refused the stream: " + refusal);
        }
        KeyframeRequester requester = exchange.getProperty(MediaHeaders.KEYFRAME_REQUESTER, KeyframeRequester.class);
        for (MediaPacket packet : packets) {
            publisher.publish(packet, requester);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        publisher = getEndpoint().acquirePublisher();
        healthCheck = new RtmpHealthCheck("producer", getEndpoint(), publisher.connection());
        healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
        healthChecks = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                                                                  WritableHealthCheckRepository.class);
        if (healthChecks != null) {
            healthChecks.addHealthCheck(healthCheck);
        }
    }

    /** UP while publishing; DOWN with the reason while the connection is out. */
    public RtmpHealthCheck getHealthCheck() {
        return healthCheck;
    }

    @Override
    protected void doStop() throws Exception {
        if (healthChecks != null) {
            healthChecks.removeHealthCheck(healthCheck);
            healthChecks = null;
        }
        if (publisher != null) {
            getEndpoint().releasePublisher();
            publisher = null;
        }
        super.doStop();
    }
}
