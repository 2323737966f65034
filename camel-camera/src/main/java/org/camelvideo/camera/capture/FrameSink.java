package org.camelvideo.camera.capture;

/** Where a capture thread puts what it reads. */
public interface FrameSink {

    /** Takes a VideoFrame or AudioFrame; may block (lossless hand-off) or replace (live). */
    void put(Object frame) throws InterruptedException;

    /** The source reached its end and will put nothing more. */
    void sourceEnded();
}
