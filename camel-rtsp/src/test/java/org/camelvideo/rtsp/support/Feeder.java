package org.camelvideo.rtsp.support;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.camelvideo.media.MediaPacket;

/**
 * Plays a clip in real time into a sink, looping with continuing timestamps, video and audio
 * interleaved by time, as a camera and encoder upstream would. Stops on close.
 */
public final class Feeder implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;

    public Feeder(Clip clip, boolean withAudio, Consumer<MediaPacket> sink) {
        thread = new Thread(() -> run(clip, withAudio, sink), "clip-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Clip clip, boolean withAudio, Consumer<MediaPacket> sink) {
        long start = System.nanoTime();
        List<MediaPacket> video = clip.video();
        List<MediaPacket> audio = withAudio ? clip.audio() : List.of();
        int v = 0;
        int a = 0;
        long loop = 0;
        while (running) {
            if (v == video.size()) {
                v = 0;
                a = 0;
                loop += clip.durationMicros();
            }
            MediaPacket next;
            if (a < audio.size() && audio.get(a).ptsMicros() < video.get(v).ptsMicros()) {
                next = audio.get(a++);
            } else {
                next = video.get(v++);
            }
            long pts = loop + next.ptsMicros();
            long wait = start + TimeUnit.MICROSECONDS.toNanos(pts) - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                sink.accept(new MediaPacket(next.codec(), next.payload(), pts, pts, next.isKeyframe(), next.config()));
                sent++;
            } catch (RuntimeException e) {
                if (running) {
                    throw e;
                }
            }
        }
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
