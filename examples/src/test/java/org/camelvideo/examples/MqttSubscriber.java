package org.camelvideo.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An MQTT 5 client (Eclipse Paho) subscribed to one topic, keeping every payload it receives. */
final class MqttSubscriber implements AutoCloseable {

    private final MqttClient client;
    private final List<byte[]> payloads = new CopyOnWriteArrayList<>();

    MqttSubscriber(String broker, String topic) throws MqttException {
        client = new MqttClient(broker, "camel-video-test-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String t, MqttMessage message) {
                payloads.add(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(options);
        client.subscribe(topic, 1);
    }

    List<byte[]> payloads() {
        return payloads;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
