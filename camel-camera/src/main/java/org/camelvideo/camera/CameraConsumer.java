package org.camelvideo.camera;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.ExecutorServiceManager;
import org.camelvideo.camera.capture.CaptureLoop;
import org.camelvideo.camera.capture.CaptureState;
import org.camelvideo.camera.capture.FrameMailbox;
import org.camelvideo.camera.source.FrameSource;
import org.camelvideo.camera.source.SourceSettings;
import org.camelvideo.camera.source.Sources;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.MediaConsumer;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one capture thread per source (the video source, and the audio device if any) and one
 * thread that takes frames from the {@link FrameMailbox} and drives the route with them. Live,
 * capture never waits on the route; lossless ({@code realtime=false}), the next frame is made
 * while the route works on this one, which measured faster than making it on the route's thread,
 * and handed over while a step on a thread of its own ({@code h264:encode}) is still at work.
 * All threads come from Camel's ExecutorServiceManager and are gone when the consumer stops.
 */
public class CameraConsumer extends MediaConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CameraConsumer.class);
    private static final int AUDIO_QUEUE = 16;

    private final CameraEndpoint endpoint;
    private final List<CaptureLoop> loops = new ArrayList<>();
    private final List<CaptureState> states = new ArrayList<>();
    private final CameraHealthCheck healthCheck;
    private ExecutorService executor;
    private final List<Future<?>> captures = new ArrayList<>();
    private FrameMailbox mailbox;
    private volatile long delivered;
    private Semaphore inFlight;

    public CameraConsumer(CameraEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.healthCheck = new CameraHealthCheck(this);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SourceSettings settings = endpoint.settings();
        List<FrameSource> sources = new ArrayList<>();
        if (endpoint.isAudio() && endpoint.getAudioDevice() != null) {
            sources.add(Sources.video(endpoint.getSource(), settings.withoutAudio()));
            sources.add(Sources.audioDevice(endpoint.getAudioDevice(), settings));
        } else {
            sources.add(Sources.video(endpoint.getSource(), settings));
        }
        mailbox = new FrameMailbox(!endpoint.isRealtime(), AUDIO_QUEUE, sources.size());
        inFlight = new Semaphore(inFlightLimit());
        loops.clear();
        states.clear();
        ExecutorServiceManager manager = endpoint.getCamelContext().getExecutorServiceManager();
        executor = manager.newFixedThreadPool(this, "camera[" + Sources.masked(endpoint.getSource()) + "]", sources.size() + 1);
        for (FrameSource source : sources) {
            CaptureState state = new CaptureState();
            CaptureLoop loop = new CaptureLoop(source, mailbox, state, endpoint.getReconnectDelay(),
                                               endpoint.getMaxReconnectDelay());
            states.add(state);
            loops.add(loop);
            captures.add(executor.submit(loop));
        }
        executor.submit(this::drainMailbox);
    }

    private void drainMailbox() {
        try {
            while (true) {
                // The permit comes before the frame, so that live, the frame taken is the newest.
                inFlight.acquire();
                Object frame = mailbox.take();
                if (frame == null) {
                    inFlight.release();
                    return;
                }
                deliver(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Object frame) {
        Exchange exchange = createExchange(false);
        setBody(exchange.getMessage(), frame);
        processAsync(exchange, "Error processing a camera frame", inFlight::release);
        delivered++;
    }

    private static void setBody(Message message, Object frame) {
        message.setBody(frame);
        if (frame instanceof VideoFrame) {
            VideoFrame video = (VideoFrame) frame;
            message.setHeader(MediaHeaders.TIMESTAMP, video.ptsMicros());
            message.setHeader(MediaHeaders.SEQUENCE, video.sequence());
            message.setHeader(MediaHeaders.WIDTH, video.width());
            message.setHeader(MediaHeaders.HEIGHT, video.height());
            message.setHeader(MediaHeaders.STREAM_ID, MediaHeaders.STREAM_VIDEO);
        } else {
            message.setHeader(MediaHeaders.TIMESTAMP, ((AudioFrame) frame).ptsMicros());
            message.setHeader(MediaHeaders.STREAM_ID, MediaHeaders.STREAM_AUDIO);
        }
    }

    @Override
    protected void doStop() throws Exception {
        loops.forEach(CaptureLoop::stop);
        if (mailbox != null) {
            mailbox.close();
        }
        if (executor != null) {
            // Capture threads may be pacing or blocked in a read: interrupt them. The route thread
            // is not interrupted: it finishes the exchange in flight (a file being written, an
            // upload) and then finds the mailbox closed. Interrupted, a file write would fail
            // with ClosedByInterruptException on every Ctrl-C.
            captures.forEach(capture -> capture.cancel(true));
            if (!endThreads(executor)) {
                LOG.warn("Capture threads of {} did not stop within {} s", Sources.masked(endpoint.getSource()), STOP_WAIT_SECONDS);
            }
            executor = null;
        }
        if (inFlight != null && !inFlight.tryAcquire(inFlightLimit(), STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The route of {} did not finish its frames within {} s", Sources.masked(endpoint.getSource()), STOP_WAIT_SECONDS);
        }
        captures.clear();
        if (mailbox != null && (mailbox.droppedVideo() > 0 || mailbox.droppedAudio() > 0)) {
            LOG.info("{}: delivered {} frames; the route was too slow for {} video and {} audio frames, which were dropped",
                     Sources.masked(endpoint.getSource()), delivered, mailbox.droppedVideo(), mailbox.droppedAudio());
        }
        super.doStop();
    }

    /**
     * Exchanges started and not yet done. Live, one: the route takes a frame only when it is
     * ready for it, so the frame is the newest. Lossless, two: while a step on a thread of its own
     * (h264:encode) works on one frame, the next is already handed over.
     */
    private int inFlightLimit() {
        return endpoint.isRealtime() ? 1 : 2;
    }

    @Override
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    /** The state of each capture source, video first. */
    List<CaptureState> captureStates() {
        return states;
    }

    /** Frames handed to the route so far. */
    public long getDeliveredFrames() {
        return delivered;
    }

    /** Video frames replaced by a newer one before the route took them. */
    public long getDroppedVideoFrames() {
        return mailbox == null ? 0 : mailbox.droppedVideo();
    }

    /** Audio frames dropped because the route fell too far behind. */
    public long getDroppedAudioFrames() {
        return mailbox == null ? 0 : mailbox.droppedAudio();
    }
}
