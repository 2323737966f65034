package org.camelvideo.mjpeg.client;

import java.net.URI;

import javax.net.ssl.SSLContext;

/**
 * What a {@link MjpegClient} connects to and how patiently.
 *
 * @param url                 the camera URL, without credentials
 * @param username            Basic authentication user, or null
 * @param password            Basic authentication password, or null
 * @param maxFrameSize        largest part kept
 * @param connectTimeoutMillis how long connecting may take
 * @param readTimeoutMillis   silence after which the connection is dropped and made again
 * @param reconnectDelayMillis first wait before reconnecting, doubled on each failure
 * @param maxReconnectDelayMillis longest wait before reconnecting
 * @param sslContext              for https: whom to trust, or null for the JVM's default trust store
 */
public record ClientSettings(URI url, String username, String password, int maxFrameSize, long connectTimeoutMillis,
        long readTimeoutMillis, long reconnectDelayMillis, long maxReconnectDelayMillis, SSLContext sslContext) {
}
