package org.camelvideo.examples;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;

/**
 * Send images to a server: one frame a second from the camera, as JPEG, POSTed to an upload URL
 * and published to an MQTT topic. Run it with the main job:
 *
 * <pre>
 * java -Dupload.url=http://127.0.0.1:8080/upload -Dmqtt.broker=tcp://127.0.0.1:1883 \
 *      -jar examples/target/camel-video.jar org.camelvideo.examples.SnapshotUploads
 * </pre>
 *
 * {@code camera.source} (default testsrc), {@code mqtt.topic} (default camera/snapshots) and
 * {@code snapshot.quality} (default 85) are optional.
 */
public class SnapshotUploads extends RouteBuilder {

    @Override
    public void configure() {
        from("camera:{{camera.source:testsrc}}?width=640&height=480").routeId("snapshots")
                .sample(Duration.ofSeconds(1))
                .setProperty("CamelVideoJpegQuality", simple("{{snapshot.quality:85}}"))
                .convertBodyTo(byte[].class)
                .multicast()
                    .to("{{upload.url}}?httpMethod=POST")
                    .to("paho-mqtt5:{{mqtt.topic:camera/snapshots}}?brokerUrl={{mqtt.broker}}&qos=1")
                .end();
    }
}
