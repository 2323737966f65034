package org.camelvideo.camera.capture;

/**
 * How a capture source is doing, for the health check: starting, delivering, or failing with
 * the error that names why.
 */
public final class CaptureState {

    public enum Status {
        STARTING,
        CAPTURING,
        FAILING,
        ENDED
    }

    private volatile Status status = Status.STARTING;
    private volatile Throwable error;

    void capturing() {
        status = Status.CAPTURING;
        error = null;
    }

    void failing(Throwable cause) {
        error = cause;
        status = Status.FAILING;
    }

    void ended() {
        status = Status.ENDED;
    }

    public Status status() {
        return status;
    }

    /** The last failure while {@link Status#FAILING}, else null. */
    public Throwable error() {
        return error;
    }
}
