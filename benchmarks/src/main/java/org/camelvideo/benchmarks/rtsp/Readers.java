package org.camelvideo.benchmarks.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import org.camelvideo.rtsp.interleaved.RtspFrameDecoder;

/** N readers of one URL in this JVM, opened in batches, closed together. */
final class Readers implements AutoCloseable {

    private final EventLoopGroup group;
    final List<Reader> readers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    Readers(int threads) {
        group = new NioEventLoopGroup(threads);
    }

    /** Opens {@code n} readers, {@code batch} at a time, each playing before the next batch starts. */
    void open(String host, int port, String url, int n, int batch, Reader.FrameListener listener) throws Exception {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
        for (int done = 0; done < n; done += batch) {
            List<Reader> wave = new ArrayList<>();
            for (int i = done; i < Math.min(n, done + batch); i++) {
                Reader r = new Reader(url, listener);
                Channel ch = b.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new RtspFrameDecoder(8192, 65536), new RtspDecoder(),
                                             new HttpObjectAggregator(65536), new RtspEncoder(), r);
                    }
                }).connect(host, port).sync().channel();
                channels.add(ch);
                wave.add(r);
            }
            for (Reader r : wave) {
                r.playing.get(30, TimeUnit.SECONDS);
            }
            readers.addAll(wave);
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
