package org.camelvideo.rtmp.client;

import io.netty.handler.ssl.SslContext;

/** How a client connects, times out and retries. */
public final class ClientOptions {

    final SslContext sslContext;
    final boolean verifyHostname;
    final int connectTimeoutMillis;
    final int writeTimeoutMillis;
    final long reconnectDelayMillis;
    final long maxReconnectDelayMillis;
    final int maxPendingBytes;
    final long readTimeoutMillis;

    /**
     * @param sslContext              TLS for rtmps, or null
     * @param verifyHostname          check that the server certificate names the host
     * @param connectTimeoutMillis    TCP connect timeout
     * @param writeTimeoutMillis      a write pending longer than this means a dead peer
     * @param reconnectDelayMillis    the first retry's delay, doubled on each failure
     * @param maxReconnectDelayMillis the cap of the retry delay
     * @param maxPendingBytes         bytes queued for the socket beyond which frames are dropped
     * @param readTimeoutMillis       a player whose server sends nothing for this long reconnects
     */
    public ClientOptions(SslContext sslContext, boolean verifyHostname, int connectTimeoutMillis, int writeTimeoutMillis, long reconnectDelayMillis,
                         long maxReconnectDelayMillis, int maxPendingBytes, long readTimeoutMillis) {
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.reconnectDelayMillis = reconnectDelayMillis;
        this.maxReconnectDelayMillis = maxReconnectDelayMillis;
        this.maxPendingBytes = maxPendingBytes;
        this.readTimeoutMillis = readTimeoutMillis;
    }
}
