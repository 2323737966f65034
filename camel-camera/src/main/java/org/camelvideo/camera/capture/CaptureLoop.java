package org.camelvideo.camera.capture;

import org.camelvideo.camera.source.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One capture thread's work: open the source, read it into the mailbox, and when it fails
 * (unplugged, unreachable, unreadable) close it and try again after a delay that doubles up
 * to a cap. The source is opened, read and closed on this thread only.
 */
public final class CaptureLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);

    private final FrameSource source;
    private final FrameMailbox mailbox;
    private final CaptureState state;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private volatile boolean running = true;
    /** The wait before the next attempt: back to the start once a source delivers again. */
    private long delay;

    public CaptureLoop(FrameSource source, FrameMailbox mailbox, CaptureState state, long initialDelayMillis,
                       long maxDelayMillis) {
        this.source = source;
        this.mailbox = mailbox;
        this.state = state;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void run() {
        delay = initialDelayMillis;
        while (running) {
            try {
                source.open();
                readAll();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                state.failing(e);
                LOG.warn("{}; retrying in {} ms", e.getMessage(), delay);
                LOG.debug("Capture failure", e);
                if (!sleep(delay)) {
                    return;
                }
                delay = Math.min(2 * delay, maxDelayMillis);
            } finally {
                source.close();
            }
        }
    }

    /** Reads until the source ends or the loop is stopped. */
    private void readAll() throws InterruptedException {
        boolean first = true;
        while (running) {
            Object frame = source.read();
            if (frame == null) {
                if (running) {
                    LOG.info("{} ended", source.describe());
                    state.ended();
                    mailbox.sourceEnded();
                }
                return;
            }
            if (first) {
                if (state.status() != CaptureState.Status.CAPTURING) {
                    LOG.info("Capturing from {}", source.describe());
                }
                state.capturing();
                delay = initialDelayMillis;
                first = false;
            }
            mailbox.put(frame);
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the loop: a blocking read is interrupted and the source closed by the capture thread. */
    public void stop() {
        running = false;
        source.interrupt();
    }
}
