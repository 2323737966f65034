package org.camelvideo.mjpeg;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.camelvideo.mjpeg.client.ClientSettings;
import org.camelvideo.mjpeg.client.MjpegClient;
import org.camelvideo.mjpeg.client.PartListener;
import org.camelvideo.mjpeg.multipart.JpegPart;

/** Many HTTP readers of one stream on a few threads, counting the pictures each receives. */
public final class Readers implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<MjpegClient> clients = new ArrayList<>();
    private final AtomicLongArray counts;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();

    public Readers(int n, URI url, int threads) throws Exception {
        group = new NioEventLoopGroup(threads, new DefaultThreadFactory("test-readers", true));
        counts = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            MjpegClient client = new MjpegClient(new ClientSettings(url, null, null, 8 << 20, 5000, 10000, 500, 2000, null),
                    new PartListener() {
                        @Override
                        public void onPart(JpegPart part) {
                            counts.incrementAndGet(index);
                            bytes.addAndGet(part.data().length);
                        }

                        @Override
                        public void onDrop(String reason) {
                            drops.incrementAndGet();
                        }
                    }, group);
            clients.add(client);
            client.start();
        }
    }

    /** Pictures each reader has received so far. */
    public long[] counts() {
        long[] c = new long[counts.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.get(i);
        }
        return c;
    }

    public long bytes() {
        return bytes.get();
    }

    public long drops() {
        return drops.get();
    }

    /** Per-reader rate between two snapshots of {@link #counts()} taken {@code seconds} apart, sorted. */
    public static double[] rates(long[] before, long[] after, double seconds) {
        double[] r = new double[before.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (after[i] - before[i]) / seconds;
        }
        Arrays.sort(r);
        return r;
    }

    @Override
    public void close() {
        for (MjpegClient c : clients) {
            c.stop();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
