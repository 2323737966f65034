package org.camelvideo.rtmp.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.rtmp.handshake.HandshakeCompleted;
import org.camelvideo.rtmp.message.Command;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish dialogue message by message, as a server sees it. */
class ClientSessionHandlerTest {

    static {
        LeakWatch.install();
    }

    private static final String KEY = "?streamname=live_1_2&key=abc&schedule=rtmp&pflag=1";

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    /** Records what the session reports. */
    private static final class Events implements SessionListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void ready(Channel channel, long streamId) {
            seen.add("ready " + streamId);
        }

        @Override
        public void media(RtmpMessage message) {
            message.release();
        }

        @Override
        public void refused(String reason) {
            seen.add("refused " + reason);
        }
    }

    private static List<RtmpMessage> written(EmbeddedChannel ch) {
        List<RtmpMessage> out = new ArrayList<>();
        for (RtmpMessage m; (m = ch.readOutbound()) != null;) {
            out.add(m);
        }
        return out;
    }

    private static List<String> commands(List<RtmpMessage> messages) {
        List<String> names = new ArrayList<>();
        for (RtmpMessage m : messages) {
            names.add(m.typeId() == MessageType.COMMAND_AMF0 ? Command.parse(m).name() : "type" + m.typeId());
            m.release();
        }
        return names;
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }

    @Test
    void publishDialogueKeepsTheKeyOutOfTcUrl() {
        Events events = new Events();
        ClientTarget target = new ClientTarget("live-push.example.com", 1935, false, "live-bvc", KEY);
        EmbeddedChannel ch = new EmbeddedChannel(new ClientSessionHandler(target, ClientMode.PUBLISH, events));
        ch.pipeline().fireUserEventTriggered(HandshakeCompleted.INSTANCE);
        List<RtmpMessage> first = written(ch);
        assertThat(first).extracting(RtmpMessage::typeId)
                .containsExactly(MessageType.SET_CHUNK_SIZE, MessageType.WINDOW_ACK_SIZE, MessageType.COMMAND_AMF0);
        assertThat(first.get(0).content().getInt(0)).isEqualTo(4096);
        Command connect = Command.parse(first.get(2));
        assertThat(connect.name()).isEqualTo("connect");
        assertThat(((Map<?, ?>) connect.commandObject()).get("app")).isEqualTo("live-bvc");
        assertThat(((Map<?, ?>) connect.commandObject()).get("tcUrl")).isEqualTo("rtmp://live-push.example.com:1935/live-bvc");
        assertThat(ByteBufUtil.hexDump(first.get(2).content())).doesNotContain(ByteBufUtil.hexDump("key=abc".getBytes()));
        first.forEach(RtmpMessage::release);

        ch.writeInbound(Messages.command(ch.alloc(), 0, "_result", 1, Map.of("fmsVer", "FMS/3,0,1,123"),
                                         status("status", "NetConnection.Connect.Success", "ok")));
        List<RtmpMessage> second = written(ch);
        Command release = Command.parse(second.get(0));
        assertThat(release.stringArgument(0)).isEqualTo(KEY);
        assertThat(commands(second)).containsExactly("releaseStream", "FCPublish", "createStream");

        ch.writeInbound(Messages.command(ch.alloc(), 0, "_result", 4, null, 1.0));
        List<RtmpMessage> third = written(ch);
        Command publish = Command.parse(third.get(0));
        assertThat(publish.name()).isEqualTo("publish");
        assertThat(third.get(0).streamId()).isEqualTo(1);
        assertThat(publish.stringArgument(0)).isEqualTo(KEY);
        assertThat(publish.stringArgument(1)).isEqualTo("live");
        third.forEach(RtmpMessage::release);

        ch.writeInbound(Messages.command(ch.alloc(), 1, "onStatus", 0, null, status("status", "NetStream.Publish.Start", "go")));
        assertThat(events.seen).containsExactly("ready 1");
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusalReportsCodeAndDescriptionWithTheKeyMasked() {
        Events events = new Events();
        ClientTarget target = new ClientTarget("h", 1935, false, "live", "secretkey");
        EmbeddedChannel ch = new EmbeddedChannel(new ClientSessionHandler(target, ClientMode.PUBLISH, events));
        ch.writeInbound(Messages.command(ch.alloc(), 1, "onStatus", 0, null,
                                         status("error", "NetStream.Publish.BadName", "secretkey is already publishing")));
        assertThat(events.seen).containsExactly("refused NetStream.Publish.BadName: xxxxxx is already publishing");
        ch.writeInbound(Messages.command(ch.alloc(), 0, "_error", 1, null,
                                         status("error", "NetConnection.Connect.Rejected", "bad app")));
        assertThat(events.seen).last().isEqualTo("refused NetConnection.Connect.Rejected: bad app");
        ch.finishAndReleaseAll();
    }
}
