package org.camelvideo.rtmp.peers;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.camelvideo.media.MediaPacket;

/**
 * Plays packets into an endpoint at their own pace, as a camera and encoder would, looping the
 * clip with timestamps carried on, until the given time is up or it is stopped.
 */
public final class Feeder implements AutoCloseable {

    /** When the feeder's thread wakes to send. */
    public enum Pacing {
        /** Without waiting, as fast as the route takes them: a benchmark's warm-up. */
        NONE,
        /** Each packet at its own time, as a camera and a microphone on threads of their own would send. */
        EACH_PACKET,
        /**
         * Once per video frame, with the audio that came due since the last one, as a program reading
         * a file does: the same moments at which an interleaving publisher flushes anyway.
         */
        VIDEO_FRAMES
    }

    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    public Feeder(ProducerTemplate template, String uri, List<MediaPacket> clip, long durationMillis) {
        this(template, uri, clip, durationMillis, Pacing.EACH_PACKET);
    }

    /** @param durationMillis clip time to send; unpaced, it is sent as fast as the route takes it */
    public Feeder(ProducerTemplate template, String uri, List<MediaPacket> clip, long durationMillis, Pacing pacing) {
        // Resolved once: a URI string would be normalised and looked up again on every send.
        Endpoint endpoint = template.getCamelContext().getEndpoint(uri);
        long clipMicros = clip.get(clip.size() - 1).dtsMicros() + 33_334;
        long[] dueMicros = dueTimes(clip, pacing);
        thread = new Thread(() -> {
            long start = System.nanoTime();
            for (int loop = 0; !stopped; loop++) {
                for (int i = 0; i < clip.size(); i++) {
                    MediaPacket p = clip.get(i);
                    long shift = loop * clipMicros;
                    if ((shift + p.dtsMicros()) / 1000 >= durationMillis || stopped) {
                        return;
                    }
                    long wait = pacing == Pacing.NONE ? 0 : (shift + dueMicros[i]) * 1000 - (System.nanoTime() - start);
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    MediaPacket shifted = new MediaPacket(p.codec(), p.payload(), p.ptsMicros() + shift, p.dtsMicros() + shift,
                                                          p.isKeyframe(), p.config());
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

    /** When each packet of the clip leaves, in clip time: its own DTS, or that of the next video frame. */
    private static long[] dueTimes(List<MediaPacket> clip, Pacing pacing) {
        long[] due = new long[clip.size()];
        long next = Long.MAX_VALUE;
        for (int i = clip.size() - 1; i >= 0; i--) {
            MediaPacket p = clip.get(i);
            if (p.codec().isVideo()) {
                next = p.dtsMicros();
            }
            due[i] = pacing == Pacing.VIDEO_FRAMES && next != Long.MAX_VALUE ? next : p.dtsMicros();
        }
        return due;
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
