package org.camelvideo.rtmp.session;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.message.UserControl;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pings, peer bandwidth and acknowledgement windows, byte for byte. */
class ProtocolControlTest {

    static {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void pingRequestGetsAPingResponseWithTheSameTime() {
        AcknowledgementWindow window = new AcknowledgementWindow();
        EmbeddedChannel ch = new EmbeddedChannel(new ProtocolControlHandler(window));
        ch.writeInbound(Messages.userControl(ch.alloc(), UserControl.PING_REQUEST, 0x01020304L));
        RtmpMessage pong = ch.readOutbound();
        assertThat(pong.typeId()).isEqualTo(MessageType.USER_CONTROL);
        assertThat(ByteBufUtil.hexDump(pong.content())).isEqualTo("0007" + "01020304");
        pong.release();
        assertThat((Object) ch.readInbound()).as("consumed, not passed on").isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void setPeerBandwidthIsAnsweredWithOurWindow() {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtocolControlHandler(new AcknowledgementWindow()));
        ch.writeInbound(Messages.setPeerBandwidth(ch.alloc(), 5_000_000, Messages.BANDWIDTH_DYNAMIC));
        RtmpMessage answer = ch.readOutbound();
        assertThat(answer.typeId()).isEqualTo(MessageType.WINDOW_ACK_SIZE);
        assertThat(answer.content().getInt(0)).isEqualTo((int) ProtocolControlHandler.OUR_WINDOW);
        answer.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void everyWindowOfReceivedBytesIsAcknowledged() {
        AcknowledgementWindow window = new AcknowledgementWindow();
        EmbeddedChannel ch = new EmbeddedChannel(window, new ProtocolControlHandler(window));
        ch.writeInbound(Messages.windowAckSize(ch.alloc(), 1000));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        assertThat((Object) ch.readOutbound()).as("half a window: nothing yet").isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        RtmpMessage ack = ch.readOutbound();
        assertThat(ack.typeId()).isEqualTo(MessageType.ACKNOWLEDGEMENT);
        assertThat(ack.content().getInt(0)).isEqualTo(1200);
        ack.release();
        ch.finishAndReleaseAll();
    }
}
