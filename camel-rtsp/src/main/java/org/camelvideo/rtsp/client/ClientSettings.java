package org.camelvideo.rtsp.client;

import org.apache.camel.util.URISupport;

/** What a client endpoint decides: where to pull from, how, and how to recover. */
public final class ClientSettings {

    final String host;
    final int port;
    final String path;
    /** The camera URL's own query, without the {@code ?}; empty when there is none. */
    final String query;
    final boolean tcp;
    final String username;
    final String password;
    final long connectTimeoutMillis;
    final long mediaTimeoutMillis;
    final long reconnectDelayMillis;
    final long maxReconnectDelayMillis;
    final int maxFrameLength;

    public ClientSettings(String host, int port, String path, String query, boolean tcp, String username, String password,
                          long connectTimeoutMillis, long mediaTimeoutMillis, long reconnectDelayMillis,
                          long maxReconnectDelayMillis, int maxFrameLength) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.tcp = tcp;
        this.username = username;
        this.password = password;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.mediaTimeoutMillis = mediaTimeoutMillis;
        this.reconnectDelayMillis = reconnectDelayMillis;
        this.maxReconnectDelayMillis = maxReconnectDelayMillis;
        this.maxFrameLength = maxFrameLength;
    }

    /** The stream URL as sent in requests: never with credentials. */
    String url() {
        return "rtsp://" + host + ":" + port + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** The stream URL as logs and errors show it: query values that look like secrets masked, as in endpoint URIs. */
    String shownUrl() {
        return URISupport.sanitizeUri(url());
    }
}
