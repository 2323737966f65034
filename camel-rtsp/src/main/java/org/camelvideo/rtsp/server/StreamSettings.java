package org.camelvideo.rtsp.server;

import org.camelvideo.rtsp.auth.ServerAuthenticator;

/** What an endpoint decides for the stream it serves; fixed while the producer runs. */
public final class StreamSettings {

    final boolean gopCache;
    final int maxQueueBytes;
    final long writeTimeoutMillis;
    final int sessionTimeoutSeconds;
    final ServerAuthenticator authenticator;
    final int width;
    final int height;
    final double fps;
    final int payloadSize;
    final int maxFrameLength;

    /**
     * @param authenticator null when readers need no credentials
     * @param maxFrameLength the largest frame served, 0 for width*height (from the SPS or the options)
     */
    public StreamSettings(boolean gopCache, int maxQueueBytes, long writeTimeoutMillis, int sessionTimeoutSeconds,
                          ServerAuthenticator authenticator, int width, int height, double fps, int payloadSize,
                          int maxFrameLength) {
        this.gopCache = gopCache;
        this.maxQueueBytes = maxQueueBytes;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.sessionTimeoutSeconds = sessionTimeoutSeconds;
        this.authenticator = authenticator;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.payloadSize = payloadSize;
        this.maxFrameLength = maxFrameLength;
    }
}
