package org.camelvideo.rtsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.URISupport;
import org.camelvideo.rtsp.auth.AuthMethod;

/**
 * Serves live H.264 and AAC over RTSP (producer) or pulls them from an RTSP camera or server
 * (consumer), without re-encoding.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtsp", title = "RTSP", syntax = "rtsp:host:port/path",
             category = { Category.NETWORKING, Category.IOT }, headersClass = RtspConstants.class)
public class RtspEndpoint extends DefaultEndpoint {

    /** The largest UDP payload (65,507 bytes) less the RTP header. */
    private static final int MAX_PAYLOAD_SIZE = 65_495;
    /** Below this a reader's queue and the GOP cache would hardly hold a keyframe. */
    private static final int MIN_QUEUE_BYTES = 64 * 1024;

    @UriPath(description = "The host: the address to listen on for a producer (0.0.0.0 for all), the camera or "
                           + "server to pull from for a consumer.")
    @Metadata(required = true)
    private String host;
    @UriPath(defaultValue = "554", description = "The TCP port of the RTSP connection.")
    private int port = 554;
    @UriPath(defaultValue = "/", description = "The path of the stream, e.g. /live.")
    private String path = "/";

    @UriParam(label = "consumer", defaultValue = "TCP",
              description = "How RTP comes from the server: interleaved in the RTSP connection (TCP) or as UDP datagrams.")
    private RtspTransport transport = RtspTransport.TCP;
    @UriParam(label = "security", secret = true,
              description = "User name: the consumer logs in with it, the producer requires it from readers.")
    private String username;
    @UriParam(label = "security", secret = true,
              description = "Password: the consumer logs in with it, the producer requires it from readers. Masked in logs.")
    private String password;
    @UriParam(label = "producer,security", defaultValue = "DIGEST",
              description = "How the server asks readers for the username and password.")
    private AuthMethod authMethod = AuthMethod.DIGEST;
    @UriParam(label = "producer,security", defaultValue = "camel-video",
              description = "The realm the server names in its challenge.")
    private String realm = "camel-video";

    @UriParam(label = "producer", defaultValue = "1400",
              description = "Largest RTP payload in bytes; bigger NAL units are split in FU-A fragments.")
    private int payloadSize = 1400;
    @UriParam(defaultValue = "0",
              description = "Largest frame in bytes. The producer drops bigger frames with a counted warning; 0 means "
                            + "width*height (from the SPS or the options). The consumer drops bigger access units; 0 "
                            + "means 8 MiB.")
    private int maxFrameLength;
    @UriParam(label = "producer", defaultValue = "true",
              description = "A new reader starts at once on the latest keyframe and the frames since it. When false it "
                            + "waits for the next keyframe, and the encoder upstream is asked for one.")
    private boolean gopCache = true;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Picture width advertised in SDP until an SPS gives it.")
    private int width;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Picture height advertised in SDP until an SPS gives it.")
    private int height;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Frame rate advertised in SDP when the SPS carries none.")
    private double fps;
    @UriParam(defaultValue = "2097152",
              description = "Producer: bytes queued for one TCP reader at most; past it the reader drops to the next "
                            + "keyframe (counted). It also bounds the GOP cache. Consumer: bytes waiting for the route "
                            + "at most; past it, packets are dropped up to the next keyframe (counted), so a slow route "
                            + "never holds up the network thread.")
    private int maxQueueBytes = 2 * 1024 * 1024;
    @UriParam(label = "producer", defaultValue = "10000", javaType = "java.time.Duration",
              description = "A TCP reader whose queue stays full this long (milliseconds) is disconnected.")
    private long writeTimeout = 10_000;
    @UriParam(label = "producer", defaultValue = "60",
              description = "Seconds a session lives without a request or RTCP receiver report.")
    private int sessionTimeout = 60;
    @UriParam(label = "producer,advanced", defaultValue = "0",
              description = "UDP port the server sends RTP from (RTCP on the next one); 0 picks free ports.")
    private int udpPort;

    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "Milliseconds to wait for the TCP connection and for each RTSP response.")
    private long connectTimeout = 5000;
    @UriParam(label = "consumer", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Milliseconds without RTP after which the consumer reconnects.")
    private long mediaTimeout = 10_000;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "Milliseconds before the first reconnection attempt; doubled after each failure.")
    private long reconnectDelay = 1000;
    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Longest wait between reconnection attempts, in milliseconds.")
    private long maxReconnectDelay = 30_000;

    /** Query parameters that are no options: a consumer keeps them in the camera's URL. */
    private Map<String, Object> cameraQuery = Map.of();

    private final ServedPath servedPath = new ServedPath(this);

    public RtspEndpoint(String uri, RtspComponent component) {
        super(uri, component);
    }

    /** The path this endpoint serves, shared by all its producers. */
    ServedPath servedPath() {
        return servedPath;
    }

    /** Reads {@code [user[:password]@]host[:port][/path]}, the part of the URI after {@code rtsp://}. */
    void parseAddress(String remaining) {
        String rest = remaining;
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        path = slash < 0 ? "/" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? null : userInfo.substring(colon + 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid port in rtsp URI: '" + authority.substring(colon + 1) + "'");
            }
            authority = authority.substring(0, colon);
        }
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("The rtsp URI needs a host, as in rtsp://0.0.0.0:8554/live");
        }
        host = authority;
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
    }

    /**
     * Keeps the query parameters that are no options of the endpoint: camera URLs have queries of
     * their own, such as Dahua's {@code ?channel=1&subtype=0}. In alphabetical order, as Camel
     * normalizes endpoint URIs.
     */
    void keepCameraQuery(Map<String, Object> notOptions) {
        cameraQuery = new TreeMap<>(notOptions);
    }

    /** The camera URL's own query, without the {@code ?}; empty when there is none. */
    String cameraQuery() {
        return URISupport.createQueryString(cameraQuery);
    }

    /** The names of the parameters in {@link #cameraQuery()}; their values may be secrets. */
    Set<String> cameraQueryNames() {
        return cameraQuery.keySet();
    }

    /**
     * Refuses option values the server or the client cannot work with, naming the option and the
     * rule, rather than failing later for every reader or failing open.
     */
    void validate() {
        check(port >= 1 && port <= 65535, "port must be 1 to 65535, got " + port);
        check(password == null || username != null,
              "password is set without username: set both, or a server would serve without authentication");
        check(payloadSize >= 64 && payloadSize <= MAX_PAYLOAD_SIZE,
              "payloadSize must be 64 to " + MAX_PAYLOAD_SIZE + " bytes (a UDP datagram less the RTP header), got "
                                                                    + payloadSize);
        check(maxFrameLength >= 0, "maxFrameLength must be 0 (the default) or more, got " + maxFrameLength);
        check(width >= 0 && height >= 0, "width and height must be 0 (unknown) or more, got " + width + "x" + height);
        check(fps >= 0 && Double.isFinite(fps), "fps must be 0 (unknown) or more, got " + fps);
        check(maxQueueBytes >= MIN_QUEUE_BYTES,
              "maxQueueBytes must be at least " + MIN_QUEUE_BYTES + " (64 KiB), got " + maxQueueBytes);
        check(writeTimeout > 0, "writeTimeout must be positive, got " + writeTimeout);
        check(sessionTimeout >= 2, "sessionTimeout must be at least 2 s (readers keep alive at half of it), got "
                                   + sessionTimeout);
        check(udpPort >= 0 && udpPort <= 65534, "udpPort must be 0 (free ports) or 1 to 65534 (RTCP goes on the next), got "
                                                + udpPort);
        check(connectTimeout > 0 && connectTimeout <= Integer.MAX_VALUE,
              "connectTimeout must be positive and at most " + Integer.MAX_VALUE + " ms, got " + connectTimeout);
        check(mediaTimeout > 0, "mediaTimeout must be positive, got " + mediaTimeout);
        check(reconnectDelay > 0, "reconnectDelay must be positive, got " + reconnectDelay);
        check(maxReconnectDelay >= reconnectDelay, "maxReconnectDelay must be at least reconnectDelay (" + reconnectDelay
                                                   + " ms), got " + maxReconnectDelay);
    }

    private static void check(boolean valid, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("rtsp: " + rule);
        }
    }

    @Override
    public Producer createProducer() throws Exception {
        if (!cameraQuery.isEmpty()) {
            // Names only: a camera query's values can be secrets.
            throw new IllegalArgumentException("rtsp: unknown options " + cameraQueryNames() + " for a server (producer);"
                                               + " only a consumer passes query parameters that are no options on to the"
                                               + " camera");
        }
        return new RtspProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RtspConsumer consumer = new RtspConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public RtspComponent getComponent() {
        return (RtspComponent) super.getComponent();
    }

    /** The stream URL without credentials, as logs and readers see it. */
    public String displayUrl(String hostShown) {
        try {
            // A path with spaces or non-ASCII letters is shown percent-encoded, as a player must be given it.
            return new URI("rtsp", null, hostShown, port, path, null, null).toASCIIString();
        } catch (URISyntaxException e) {
            return "rtsp://" + hostShown + ":" + port + path;
        }
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

    public RtspTransport getTransport() {
        return transport;
    }

    public void setTransport(RtspTransport transport) {
        this.transport = transport;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public AuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(AuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public String getRealm() {
        return realm;
    }

    public void setRealm(String realm) {
        this.realm = realm;
    }

    public int getPayloadSize() {
        return payloadSize;
    }

    public void setPayloadSize(int payloadSize) {
        this.payloadSize = payloadSize;
    }

    public int getMaxFrameLength() {
        return maxFrameLength;
    }

    public void setMaxFrameLength(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    public boolean isGopCache() {
        return gopCache;
    }

    public void setGopCache(boolean gopCache) {
        this.gopCache = gopCache;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public double getFps() {
        return fps;
    }

    public void setFps(double fps) {
        this.fps = fps;
    }

    public int getMaxQueueBytes() {
        return maxQueueBytes;
    }

    public void setMaxQueueBytes(int maxQueueBytes) {
        this.maxQueueBytes = maxQueueBytes;
    }

    public long getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(long writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public int getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(int sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public int getUdpPort() {
        return udpPort;
    }

    public void setUdpPort(int udpPort) {
        this.udpPort = udpPort;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getMediaTimeout() {
        return mediaTimeout;
    }

    public void setMediaTimeout(long mediaTimeout) {
        this.mediaTimeout = mediaTimeout;
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
}
