package org.camelvideo.rtsp;

import java.util.List;

import org.apache.camel.health.HealthCheck;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.GstRtspServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client survives its camera going away: DOWN while out, back on a keyframe, time line unbroken. */
class ReconnectTest {

    @Test
    void reconnectsWithBackoffAndResumesOnAKeyframe() throws Exception {
        Clip clip = Clip.hd(30, 10);
        GstRtspServer camera = new GstRtspServer(clip.file());
        int port = camera.port;
        try (ClientTest.Pull pull = new ClientTest.Pull(camera.url + "?reconnectDelay=200&maxReconnectDelay=1000")) {
            pull.await(p -> p.codec() == Codec.H264, 30, 20);
            RtspConsumer consumer = (RtspConsumer) pull.context.getRoute("pull").getConsumer();
            assertThat(consumer.getHealthCheck().call().getState()).isEqualTo(HealthCheck.State.UP);

            camera.close();
            Thread.sleep(1500);
            HealthCheck.Result out = consumer.getHealthCheck().call();
            assertThat(out.getState()).isEqualTo(HealthCheck.State.DOWN);
            int before = pull.packets.size();

            camera = new GstRtspServer(clip.file(), port);
            List<MediaPacket> all = pull.await(p -> p.codec() == Codec.H264, before + 30, 20);
            assertThat(consumer.getHealthCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
            MediaPacket resumed = all.get(before);
            assertThat(resumed.isKeyframe()).as("first packet after the reconnection").isTrue();
            assertThat(resumed.ptsMicros()).isGreaterThan(all.get(before - 1).ptsMicros());
            ClientTest.assertPlayable(all.subList(before, all.size()), "reconnected", 1280, 720);
        } finally {
            camera.close();
        }
    }

    @Test
    void silentServerTriggersTheMediaTimeout() throws Exception {
        Clip clip = Clip.hd(30, 10);
        try (GstRtspServer camera = new GstRtspServer(clip.file());
             ClientTest.Pull pull = new ClientTest.Pull(camera.url + "?mediaTimeout=1000&reconnectDelay=200")) {
            pull.await(p -> p.codec() == Codec.H264, 10, 20);
            camera.proc().suspend();
            Thread.sleep(2000);
            RtspConsumer consumer = (RtspConsumer) pull.context.getRoute("pull").getConsumer();
            HealthCheck.Result out = consumer.getHealthCheck().call();
            assertThat(out.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(out.getMessage()).get().asString().contains("no media for 1000 ms");
        }
    }
}
