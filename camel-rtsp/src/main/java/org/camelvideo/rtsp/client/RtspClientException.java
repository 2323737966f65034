package org.camelvideo.rtsp.client;

/** An RTSP server answered with an error, or not at all. */
public final class RtspClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RtspClientException(String message) {
        super(message);
    }
}
