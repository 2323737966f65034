package org.camelvideo.rtmp;

import java.util.Set;

import javax.net.ssl.SSLException;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.camelvideo.rtmp.client.ClientOptions;
import org.camelvideo.rtmp.client.ClientTarget;
import org.camelvideo.rtmp.client.RtmpPublisher;

/**
 * Publish H.264 and AAC to an RTMP server or live platform, play an RTMP stream, or accept a
 * publisher such as OBS or ffmpeg.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtmp,rtmps", title = "RTMP", syntax = "rtmp:host:port/path",
             category = { Category.NETWORKING }, headersClass = RtmpConstants.class)
public class RtmpEndpoint extends DefaultEndpoint {

    static final int RTMP_PORT = 1935;
    static final int RTMPS_PORT = 443;

    @UriPath(description = "The server's host name or address; in the server role, the address to listen on (0.0.0.0 for all)")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "The TCP port: 1935 for rtmp and 443 for rtmps when left out")
    private int port;
    @UriPath(description = "app/stream: the application, then the stream name (for a live platform, the stream key). With the"
                           + " app option set, the whole path is the stream name")
    private String path;
    @UriParam(defaultValue = "client", enums = "client,server",
              description = "client connects to a server: publishes as a producer, plays as a consumer. server (consumer only)"
                            + " listens on host:port and accepts a publisher for app/stream")
    private RtmpRole role = RtmpRole.client;
    @UriParam(description = "The application name, for URLs whose stream key contains '/' or starts with '?'; the path is then"
                            + " the stream name")
    private String app;
    @UriParam(label = "security", secret = true,
              description = "Appended verbatim to the stream name to form the publish name, e.g. a key starting with"
                            + " ?streamname=. Never sent in tcUrl, never logged. In the server role, a publisher must send"
                            + " exactly the stream name followed by this key")
    private String streamKey;
    @UriParam(label = "security", description = "rtmps: accept any server certificate (self-signed test servers)")
    private boolean trustAllCertificates;
    @UriParam(label = "security", description = "rtmps: the trust and key material to use instead of the JVM's default")
    private SSLContextParameters sslContextParameters;
    @UriParam(defaultValue = "10000", description = "TCP connect timeout in milliseconds")
    private int connectTimeout = 10000;
    @UriParam(label = "producer", defaultValue = "10000",
              description = "A write not completed within this many milliseconds means a dead server: reconnect")
    private int writeTimeout = 10000;
    @UriParam(label = "consumer", defaultValue = "10000",
              description = "A peer that sends nothing for this many milliseconds is gone: the server role closes a silent"
                            + " publisher's connection, freeing its stream for the next; a player reconnects. Time in which"
                            + " reading is paused because the route is behind does not count. On a shared port the first"
                            + " endpoint's value holds")
    private long readTimeout = 10000;
    @UriParam(defaultValue = "3000",
              description = "Delay before the first reconnect attempt in milliseconds, doubled after each failure")
    private long reconnectDelay = 3000;
    @UriParam(defaultValue = "30000", description = "The longest delay between reconnect attempts in milliseconds")
    private long maxReconnectDelay = 30000;
    @UriParam(defaultValue = "4194304",
              description = "Producer: bytes waiting for the socket beyond which packets are dropped (video until the next "
                            + "keyframe). Consumer: bytes waiting for the route beyond which packets are dropped up to the "
                            + "next keyframe, so a slow route never holds up the connection's thread.")
    private int maxPendingBytes = 4 * 1024 * 1024;
    private Set<String> unknownOptions = Set.of();
    @UriParam(label = "producer", description = "Frame rate announced in onMetaData; 0 leaves it out")
    private double frameRate;
    @UriParam(label = "producer", description = "Video bitrate in bit/s announced in onMetaData; 0 leaves it out")
    private long videoBitrate;
    @UriParam(label = "producer", description = "Audio bitrate in bit/s announced in onMetaData; 0 leaves it out")
    private long audioBitrate;

    private final boolean tls;
    private RtmpPublisher publisher;
    private int publisherUsers;

    public RtmpEndpoint(String endpointUri, RtmpComponent component, boolean tls) {
        super(endpointUri, component);
        this.tls = tls;
    }

    @Override
    public RtmpComponent getComponent() {
        return (RtmpComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        requireKnownOptions();
        if (role == RtmpRole.server) {
            throw new IllegalArgumentException("rtmp: role=server accepts publishers and can only be used in from(...)");
        }
        return new RtmpProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        requireKnownOptions();
        RtmpConsumer consumer = new RtmpConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Query parameters that are no options, by name: their values may be a key. */
    void setUnknownOptions(Set<String> names) {
        unknownOptions = names;
    }

    private void requireKnownOptions() {
        if (!unknownOptions.isEmpty()) {
            throw new IllegalArgumentException("rtmp: unknown option" + (unknownOptions.size() > 1 ? "s " : " ") + unknownOptions
                                               + " (values not shown); a stream key goes in the path, or as streamKey=RAW(...)");
        }
    }

    /** The URI as printed, once the component has taken a key out of the query or masked unknown options. */
    void setMaskedUri(String uri) {
        setEndpointUri(uri);
    }

    /** The app this endpoint connects to or serves. */
    String resolvedApp() {
        if (app != null) {
            return app;
        }
        String p = path == null ? "" : path;
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }

    /** The stream name in the path, without the key. */
    String resolvedStream() {
        String p = path == null ? "" : path;
        if (app != null) {
            return p;
        }
        int slash = p.indexOf('/');
        return slash < 0 ? "" : p.substring(slash + 1);
    }

    int resolvedPort() {
        return port > 0 ? port : tls ? RTMPS_PORT : RTMP_PORT;
    }

    ClientTarget clientTarget() {
        return new ClientTarget(host, resolvedPort(), tls, resolvedApp(), resolvedStream() + (streamKey == null ? "" : streamKey));
    }

    ClientOptions clientOptions() throws Exception {
        return new ClientOptions(tls ? sslContext() : null, tls && !trustAllCertificates, connectTimeout, writeTimeout,
                                 reconnectDelay, maxReconnectDelay, maxPendingBytes, readTimeout);
    }

    private SslContext sslContext() throws Exception {
        if (sslContextParameters != null) {
            return new JdkSslContext(sslContextParameters.createSSLContext(getCamelContext()), true, ClientAuth.NONE);
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (trustAllCertificates) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS for rtmps: " + e.getMessage(), e);
        }
    }

    /** The publisher all producers of this endpoint share: two routes, one connection. */
    synchronized RtmpPublisher acquirePublisher() throws Exception {
        if (publisher == null) {
            EventLoopGroup loops = tls ? getComponent().eventLoopGroup() : getComponent().publishEventLoopGroup();
            publisher = new RtmpPublisher(loops, clientTarget(), clientOptions(), frameRate, videoBitrate, audioBitrate);
            publisher.start();
        }
        publisherUsers++;
        return publisher;
    }

    synchronized void releasePublisher() {
        if (publisher != null && --publisherUsers == 0) {
            publisher.stop();
            publisher = null;
        }
    }

    /** The shared publisher while a producer runs, else null; for health checks and tests. */
    public synchronized RtmpPublisher getPublisher() {
        return publisher;
    }

    @Override
    public String toString() {
        return "RtmpEndpoint[" + getEndpointUri() + "]";
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public RtmpRole getRole() {
        return role;
    }

    public void setRole(RtmpRole role) {
        this.role = role;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getStreamKey() {
        return streamKey;
    }

    public void setStreamKey(String streamKey) {
        this.streamKey = streamKey;
    }

    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(int writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(long maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxPendingBytes() {
        return maxPendingBytes;
    }

    public void setMaxPendingBytes(int maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    public double getFrameRate() {
        return frameRate;
    }

    public void setFrameRate(double frameRate) {
        this.frameRate = frameRate;
    }

    public long getVideoBitrate() {
        return videoBitrate;
    }

    public void setVideoBitrate(long videoBitrate) {
        this.videoBitrate = videoBitrate;
    }

    public long getAudioBitrate() {
        return audioBitrate;
    }

    public void setAudioBitrate(long audioBitrate) {
        this.audioBitrate = audioBitrate;
    }
}
