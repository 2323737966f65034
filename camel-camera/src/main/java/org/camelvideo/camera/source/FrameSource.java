package org.camelvideo.camera.source;

/**
 * Where frames come from. One capture thread owns a source: it opens it, reads until the end
 * or a failure, and closes it, all on that thread (FFmpeg contexts are not shared).
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Opens the source.
     *
     * @throws SourceUnavailableException when it is missing or cannot be read, with a message naming it
     */
    void open();

    /**
     * The next {@link org.camelvideo.media.VideoFrame} or {@link org.camelvideo.media.AudioFrame}, in
     * presentation order, paced to real time when the source was set up so; null at the end.
     *
     * @throws SourceUnavailableException when the source fails while being read
     */
    Object read() throws InterruptedException;

    /** Unblocks a {@link #read()} in progress from another thread, as the consumer stops. */
    void interrupt();

    /** Frees the source; safe to call when {@link #open()} failed. */
    @Override
    void close();

    /** The source as it may appear in logs and errors. */
    String describe();
}
