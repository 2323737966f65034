package org.camelvideo.camera.capture;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.VideoFrame;

/**
 * The hand-off between capture threads and the thread that runs the route.
 * <p>
 * Live (the default): video is latest-wins, one slot, so a route slower than the camera sees
 * the newest picture and capture never waits; audio keeps a short queue, since a gap in sound
 * is worse than one in pictures, and drops its oldest frame when full. Lossless (files read
 * as fast as possible): capture waits for the route instead, and nothing is dropped.
 */
public final class FrameMailbox {

    private final boolean lossless;
    private final int audioCapacity;
    private final ArrayDeque<AudioFrame> audio = new ArrayDeque<>();
    private final AtomicLong droppedVideo = new AtomicLong();
    private final AtomicLong droppedAudio = new AtomicLong();
    private VideoFrame video;
    private int openSources;
    private boolean closed;

    public FrameMailbox(boolean lossless, int audioCapacity, int sources) {
        this.lossless = lossless;
        this.audioCapacity = audioCapacity;
        this.openSources = sources;
    }

    public synchronized void put(Object frame) throws InterruptedException {
        if (frame instanceof VideoFrame) {
            while (lossless && video != null && !closed) {
                wait();
            }
            if (video != null) {
                droppedVideo.incrementAndGet();
            }
            video = (VideoFrame) frame;
        } else {
            while (lossless && audio.size() >= audioCapacity && !closed) {
                wait();
            }
            if (audio.size() >= audioCapacity) {
                audio.poll();
                droppedAudio.incrementAndGet();
            }
            audio.add((AudioFrame) frame);
        }
        notifyAll();
    }

    /**
     * The next frame for the route, earliest first when both kinds wait; null once closed, or
     * once every source has ended and all is delivered.
     */
    public synchronized Object take() throws InterruptedException {
        while (!closed && video == null && audio.isEmpty()) {
            if (openSources == 0) {
                return null;
            }
            wait();
        }
        if (closed) {
            return null;
        }
        Object next;
        if (!audio.isEmpty() && (video == null || audio.peek().ptsMicros() <= video.ptsMicros())) {
            next = audio.poll();
        } else {
            next = video;
            video = null;
        }
        notifyAll();
        return next;
    }

    /** A source reached its end and will put nothing more. */
    public synchronized void sourceEnded() {
        openSources--;
        notifyAll();
    }

    public synchronized void close() {
        closed = true;
        video = null;
        audio.clear();
        notifyAll();
    }

    public long droppedVideo() {
        return droppedVideo.get();
    }

    public long droppedAudio() {
        return droppedAudio.get();
    }
}
