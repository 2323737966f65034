package org.camelvideo.camera.source;

/** A capture source is missing, unplugged or unreadable. The message names the source. */
public class SourceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
