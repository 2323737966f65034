package org.camelvideo.rtmp.client;

/**
 * Where a client connects and what it asks for. The stream name is a secret (live platforms
 * put the key there): it only goes into the publish or play command, never into tcUrl, and
 * {@link #toString()} masks it.
 */
public final class ClientTarget {

    private final String host;
    private final int port;
    private final boolean tls;
    private final String app;
    private final String streamName;

    public ClientTarget(String host, int port, boolean tls, String app, String streamName) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.app = app;
        this.streamName = streamName;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return tls;
    }

    public String app() {
        return app;
    }

    /** The publish or play name, sent verbatim. */
    public String streamName() {
        return streamName;
    }

    /** The connect command's tcUrl: scheme, host, port and app, never the stream name. */
    public String tcUrl() {
        return (tls ? "rtmps" : "rtmp") + "://" + host + ":" + port + "/" + app;
    }

    /** Replaces the stream name wherever a peer may have echoed it, before text is logged. */
    public String mask(String text) {
        return text == null || streamName.isEmpty() ? text : text.replace(streamName, "xxxxxx");
    }

    @Override
    public String toString() {
        return tcUrl() + "/xxxxxx";
    }
}
