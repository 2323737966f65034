package org.camelvideo.mjpeg.client;

/**
 * The hand-off from a camera connection's event loop to the thread that runs the route: one
 * slot, latest wins. A route slower than the camera gets the newest picture whenever it is ready
 * for one, and the connection keeps reading at the camera's pace, so pictures never pile up and go
 * stale, neither here nor in the socket's buffers.
 */
public final class LatestWins<T> {

    private T waiting;
    private boolean closed;
    private long skipped;

    /** Puts {@code item} in the slot, replacing (and counting) one not yet taken; never waits. */
    public synchronized void offer(T item) {
        if (closed) {
            return;
        }
        if (waiting != null) {
            skipped++;
        }
        waiting = item;
        notifyAll();
    }

    /** The newest item not yet taken, waiting for one; null once closed. */
    public synchronized T take() throws InterruptedException {
        while (waiting == null && !closed) {
            wait();
        }
        T item = waiting;
        waiting = null;
        return item;
    }

    /** Ends {@link #take()}: what still waits is dropped. */
    public synchronized void close() {
        closed = true;
        waiting = null;
        notifyAll();
    }

    /** Items replaced before they were taken. */
    public synchronized long skipped() {
        return skipped;
    }
}
