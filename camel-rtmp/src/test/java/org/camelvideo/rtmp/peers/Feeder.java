package org.camelvideo.rtmp.peers;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.camelvideo.media.MediaPacket;

/**
 * Plays packets into an endpoint at their own pace, as a camera and encoder would, looping the
 * clip with timestamps carried on, until the given time is up or it is stopped. Unpaced, it sends
 * as fast as the route takes them: a benchmark's warm-up.
 */
public final class Feeder implements AutoCloseable {

    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    public Feeder(ProducerTemplate template, String uri, List<MediaPacket> clip, long durationMillis) {
        this(template, uri, clip, durationMillis, true);
    }

    /** @param paced false to send without waiting, for as much clip time as {@code durationMillis} */
    public Feeder(ProducerTemplate template, String uri, List<MediaPacket> clip, long durationMillis, boolean paced) {
        // Resolved once: a URI string would be normalised and looked up again on every send.
        Endpoint endpoint = template.getCamelContext().getEndpoint(uri);
        long clipMicros = clip.get(clip.size() - 1).dtsMicros() + 33_334;
        thread = new Thread(() -> {
            long start = System.nanoTime();
            for (int loop = 0; !stopped; loop++) {
                for (MediaPacket p : clip) {
                    long at = loop * clipMicros + p.dtsMicros();
                    if (at / 1000 >= durationMillis || stopped) {
                        return;
                    }
                    long wait = paced ? at * 1000 - (System.nanoTime() - start) : 0;
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    MediaPacket shifted = new MediaPacket(p.codec(), p.payload(), p.ptsMicros() + loop * clipMicros,
                                                          p.dtsMicros() + loop * clipMicros, p.isKeyframe(), p.config());
                    try {
                        template.sendBody(endpoint, shifted);
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }
        }, "feeder");
        thread.start();
    }

    public void join() throws InterruptedException {
        thread.join();
    }

    public long sent() {
        return sent.get();
    }

    /** The first exception a send raised, or null. */
    public Exception failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
