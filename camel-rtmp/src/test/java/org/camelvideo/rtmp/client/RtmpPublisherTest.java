package org.camelvideo.rtmp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.aac.AudioSpecificConfig;
import org.camelvideo.rtmp.amf.Amf0Decoder;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a publisher writes on a started session, message by message. */
class RtmpPublisherTest {

    static {
        LeakWatch.install();
    }

    private static final CodecConfig AUDIO = CodecConfig.aac(AudioSpecificConfig.of(AudioSpecificConfig.AAC_LC, 48000, 2).encode());

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    private static RtmpPublisher publisher(EmbeddedChannel ch) {
        return publisher(ch, System::nanoTime);
    }

    private static RtmpPublisher publisher(EmbeddedChannel ch, LongSupplier clock) {
        ClientOptions options = new ClientOptions(null, false, 1000, 1000, 1000, 1000, 1 << 20, 10_000);
        return new RtmpPublisher(ch.eventLoop(), new ClientTarget("h", 1935, false, "live", "k"), options, 30, 0, 0, clock);
    }

    /** Type, first body byte (FLV flags or AMF marker), second (packet type) and timestamp of each message. */
    private static List<String> written(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (RtmpMessage m; (m = ch.readOutbound()) != null;) {
            String what = m.typeId() == MessageType.DATA_AMF0 ? "data " + Amf0Decoder.decodeAll(m.content().duplicate()).get(1)
                    : (m.typeId() == MessageType.VIDEO ? "video " : "audio ") + Integer.toHexString(m.content().getUnsignedByte(0))
                      + " " + m.content().getUnsignedByte(1);
            out.add(what + " @" + m.timestamp());
            m.release();
        }
        return out;
    }

    @Test
    void startsWithMetadataAndSequenceHeadersThenAKeyframeAndKeepsTimestampsMonotonic() throws Exception {
        List<MediaPacket> video = TestClips.packets().stream().filter(p -> p.codec() == Codec.H264).toList();
        EmbeddedChannel ch = new EmbeddedChannel();
        RtmpPublisher publisher = publisher(ch);
        assertThat(publisher.publish(video.get(0), null)).as("no session yet").isFalse();
        publisher.ready(ch, 1);

        assertThat(publisher.publish(video.get(1), null)).as("not a keyframe").isFalse();
        assertThat(publisher.publish(video.get(30), null)).isTrue();
        MediaPacket late = new MediaPacket(Codec.AAC, new byte[] { 1 }, 1_050_000, 1_050_000, true, AUDIO);
        MediaPacket earlier = new MediaPacket(Codec.AAC, new byte[] { 2 }, 1_040_000, 1_040_000, true, AUDIO);
        assertThat(publisher.publish(late, null)).isTrue();
        assertThat(publisher.publish(earlier, null)).isTrue();
        assertThat(publisher.publish(video.get(31), null)).isTrue();

        assertThat(written(ch)).containsExactly(
                "data onMetaData @0", "video 17 0 @0", "video 17 1 @0",
                "data onMetaData @0", "audio af 0 @0", "audio af 1 @50",
                "audio af 1 @50",
                "video 27 1 @33");
        assertThat(publisher.droppedCount()).isEqualTo(2);
        assertThat(publisher.sentCount()).isEqualTo(4);
        ch.finishAndReleaseAll();
    }

    @Test
    void aFullSocketDropsVideoUntilTheNextKeyframe() throws Exception {
        List<MediaPacket> video = TestClips.packets().stream().filter(p -> p.codec() == Codec.H264).toList();
        EmbeddedChannel ch = new EmbeddedChannel();
        RtmpPublisher publisher = publisher(ch);
        publisher.ready(ch, 1);
        assertThat(publisher.publish(video.get(0), null)).isTrue();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(publisher.publish(video.get(1), null)).isFalse();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        assertThat(publisher.publish(video.get(2), null)).as("waits for a keyframe").isFalse();
        assertThat(publisher.publish(video.get(30), null)).isTrue();
        assertThat(publisher.droppedCount()).isEqualTo(2);
        written(ch);
        ch.finishAndReleaseAll();
    }

    @Test
    void audioGoesOutWithTheNextVideoFrameWhileVideoFlowsAndAtOnceWithout() throws Exception {
        List<MediaPacket> video = TestClips.packets().stream().filter(p -> p.codec() == Codec.H264).toList();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        EmbeddedChannel ch = new EmbeddedChannel();
        RtmpPublisher publisher = publisher(ch, now::get);
        publisher.ready(ch, 1);
        MediaPacket sound = new MediaPacket(Codec.AAC, new byte[] { 1 }, 0, 0, true, AUDIO);

        assertThat(publisher.publish(sound, null)).isTrue();
        assertThat(written(ch)).as("no video yet: audio at once").contains("audio af 1 @0");
        assertThat(publisher.publish(video.get(0), null)).isTrue();
        assertThat(publisher.publish(sound, null)).isTrue();
        assertThat(written(ch)).as("one video frame is not yet a flow").contains("video 17 1 @0", "audio af 1 @0");

        now.addAndGet(33_000_000L);
        assertThat(publisher.publish(video.get(1), null)).isTrue();
        written(ch);
        now.addAndGet(10_000_000L);
        assertThat(publisher.publish(sound, null)).isTrue();
        now.addAndGet(10_000_000L);
        assertThat(publisher.publish(sound, null)).isTrue();
        assertThat(written(ch)).as("held for the next frame").isEmpty();
        now.addAndGet(13_000_000L);
        assertThat(publisher.publish(video.get(2), null)).isTrue();
        assertThat(written(ch)).as("in order, with the frame").containsExactly("audio af 1 @0", "audio af 1 @0", "video 27 1 @66");

        now.addAndGet(60_000_000L);
        assertThat(publisher.publish(sound, null)).isTrue();
        assertThat(written(ch)).as("video stalled: audio at once").containsExactly("audio af 1 @0");
        ch.finishAndReleaseAll();
    }
}
