package org.camelvideo.rtmp.client;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import org.camelvideo.rtmp.chunk.ChunkDecoder;
import org.camelvideo.rtmp.chunk.ChunkEncoder;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publishing thread writes to the socket only while nothing waits in the pipeline: a
 * message that found earlier bytes still queued must go behind them, even when the socket has
 * room again before the event loop has written them. The event loop is held busy here so that
 * it cannot; the bytes that arrive are decoded and must be every message, in order.
 */
class PublishSocketChannelTest {

    static {
        LeakWatch.install();
    }

    private static final int PAYLOAD = 16 * 1024;

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void aMessageGoesBehindWhatThePipelineHoldsEvenWhenTheSocketHasRoom() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(8192);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ChunkEncoder encoder = new ChunkEncoder();
            Channel ch = new Bootstrap().group(group).channel(PublishSocketChannel.class)
                    .option(ChannelOption.SO_SNDBUF, 8192)
                    .handler(new ChannelInitializer<PublishSocketChannel>() {
                        @Override
                        protected void initChannel(PublishSocketChannel c) {
                            c.pipeline().addLast(encoder);
                            c.chunkEncoder(encoder);
                        }
                    }).connect(server.getLocalSocketAddress()).sync().channel();
            PublishSocketChannel publisher = (PublishSocketChannel) ch;
            try (Socket peer = server.accept()) {
                CountDownLatch busy = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                ch.eventLoop().execute(() -> {
                    busy.countDown();
                    await(release);
                });
                assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
                int sent = 0;
                while (encoder.isDrained() && sent < 1000) {
                    publisher.publish(message(sent++), true);
                }
                assertThat(encoder.isDrained()).as("the socket filled and the pipeline holds the rest").isFalse();
                peer.setSoTimeout(10_000);
                InputStream in = peer.getInputStream();
                List<ByteBuf> received = new ArrayList<>();
                // What the socket holds, so that it has room again while the event loop cannot write.
                received.add(read(in));
                Thread.sleep(100);
                publisher.publish(message(sent++), true);
                release.countDown();

                List<RtmpMessage> decoded = decode(in, received, sent);
                try {
                    assertThat(decoded).extracting(RtmpMessage::timestamp)
                            .containsExactlyElementsOf(java.util.stream.LongStream.range(0, sent).boxed().toList());
                    for (RtmpMessage m : decoded) {
                        assertThat(m.content().readableBytes()).isEqualTo(PAYLOAD);
                        assertThat(m.content().getByte(PAYLOAD - 1)).isEqualTo((byte) m.timestamp());
                    }
                } finally {
                    decoded.forEach(RtmpMessage::release);
                }
            } finally {
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** A video message whose timestamp is its number, and whose bytes all hold that number too. */
    private static RtmpMessage message(int n) {
        ByteBuf payload = Unpooled.buffer(PAYLOAD);
        for (int i = 0; i < PAYLOAD; i++) {
            payload.writeByte(n);
        }
        return new RtmpMessage(RtmpMessage.CSID_VIDEO, MessageType.VIDEO, 1, n, payload);
    }

    private static ByteBuf read(InputStream in) throws Exception {
        byte[] buf = new byte[PAYLOAD];
        int n = in.read(buf);
        return Unpooled.wrappedBuffer(buf, 0, Math.max(0, n));
    }

    /** Everything already read, then what comes, until {@code count} messages are decoded or 10 s pass. */
    private static List<RtmpMessage> decode(InputStream in, List<ByteBuf> received, int count) throws Exception {
        EmbeddedChannel decoder = new EmbeddedChannel(new ChunkDecoder());
        List<RtmpMessage> out = new ArrayList<>();
        received.forEach(decoder::writeInbound);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] buf = new byte[64 * 1024];
        while (true) {
            for (RtmpMessage m; (m = decoder.readInbound()) != null;) {
                out.add(m);
            }
            if (out.size() >= count || System.nanoTime() > deadline) {
                break;
            }
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
        }
        decoder.finishAndReleaseAll();
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
