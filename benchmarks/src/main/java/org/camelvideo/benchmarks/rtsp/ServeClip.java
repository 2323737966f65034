package org.camelvideo.benchmarks.rtsp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.MediaPacket;

/**
 * Our RTSP server in its own process for the fan-out benchmark, so that its CPU can be read
 * apart from the load generator's: serves the clip, looped in real time, at
 * rtsp://127.0.0.1:PORT/live until killed. Prints READY when it listens.
 */
public final class ServeClip {

    private ServeClip() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<MediaPacket> clip = ClipFile.packets(Path.of(args[1]));
        CamelContext context = new DefaultCamelContext();
        context.start();
        Endpoint endpoint = context.getEndpoint("rtsp://127.0.0.1:" + port + "/live?writeTimeout=5000");
        Producer producer = endpoint.createProducer();
        producer.start();
        System.out.println("READY");
        System.out.flush();
        play(clip, producer, endpoint, 0, Long.MAX_VALUE, null);
    }

    /**
     * Hands frames {@code first} to {@code end} (exclusive) of the looped clip to the producer at its
     * frame rate, frame {@code first} at once, and notes when each was handed over.
     */
    static void play(List<MediaPacket> clip, Producer producer, Endpoint endpoint, long first, long end, long[] handedNanos)
            throws Exception {
        long start = System.nanoTime();
        long loopMicros = clip.size() * 1_000_000L / ClipFile.FPS;
        long origin = -1;
        for (long n = first; n < end; n++) {
            MediaPacket p = clip.get((int) (n % clip.size()));
            long pts = (n / clip.size()) * loopMicros + p.ptsMicros();
            origin = origin < 0 ? pts : origin;
            long wait = start + TimeUnit.MICROSECONDS.toNanos(pts - origin) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Exchange exchange = endpoint.createExchange();
            exchange.getIn().setBody(new MediaPacket(p.codec(), p.payload(), pts, pts, p.isKeyframe(), p.config()));
            if (handedNanos != null) {
                handedNanos[(int) n] = System.nanoTime();
            }
            producer.process(exchange);
        }
    }
}
