package org.camelvideo.camera;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.camelvideo.camera.capture.CaptureState;
import org.camelvideo.camera.source.Sources;

/**
 * DOWN while a capture source fails (missing device, unreachable URL), with the error that
 * names it; UP while frames flow. Camel's consumer health checks pick it up for the route.
 */
final class CameraHealthCheck extends AbstractHealthCheck {

    private final CameraConsumer consumer;

    CameraHealthCheck(CameraConsumer consumer) {
        super("camel", "camera-" + Sources.masked(((CameraEndpoint) consumer.getEndpoint()).getSource()));
        this.consumer = consumer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("delivered.frames", consumer.getDeliveredFrames());
        builder.detail("dropped.video.frames", consumer.getDroppedVideoFrames());
        builder.detail("dropped.audio.frames", consumer.getDroppedAudioFrames());
        if (!consumer.isStarted()) {
            builder.down().message("Consumer is not started");
            return;
        }
        for (CaptureState state : consumer.captureStates()) {
            if (state.status() == CaptureState.Status.FAILING) {
                builder.down().message(state.error().getMessage()).error(state.error());
                return;
            }
            if (state.status() == CaptureState.Status.STARTING) {
                builder.unknown().message("Waiting for the first frame");
                return;
            }
        }
        builder.up();
    }
}
