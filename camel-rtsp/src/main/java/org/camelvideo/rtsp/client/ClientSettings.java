package org.camelvideo.rtsp.client;

/** What a client endpoint decides: where to pull from, how, and how to recover. */
public final class ClientSettings {

    final String host;
    final int port;
    final String path;
    final boolean tcp;
    final String username;
    final String password;
    final long connectTimeoutMillis;
    final long mediaTimeoutMillis;
    final long reconnectDelayMillis;
    final long maxReconnectDelayMillis;
    final int maxFrameLength;

    public ClientSettings(String host, int port, String path, boolean tcp, String username, String password,
                          long connectTimeoutMillis, long mediaTimeoutMillis, long reconnectDelayMillis,
                          long maxReconnectDelayMillis, int maxFrameLength) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.tcp = tcp;
        this.username = username;
        this.password = password;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.mediaTimeoutMillis = mediaTimeoutMillis;
        this.reconnectDelayMillis = reconnectDelayMillis;
        this.maxReconnectDelayMillis = maxReconnectDelayMillis;
        this.maxFrameLength = maxFrameLength;
    }

    /** The stream URL as sent in requests and logs: never with credentials. */
    String url() {
        return "rtsp://" + host + ":" + port + path;
    }
}
