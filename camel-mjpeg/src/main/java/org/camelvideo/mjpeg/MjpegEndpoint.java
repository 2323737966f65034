package org.camelvideo.mjpeg;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.URISupport;
import org.camelvideo.mjpeg.client.ShownUrl;
import org.camelvideo.mjpeg.server.BasicAuth;
import org.camelvideo.mjpeg.server.LiveStream;
import org.camelvideo.mjpeg.server.MjpegServer;
import io.netty.buffer.PooledByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multipart JPEG over HTTP. As a producer it serves the route's pictures to browsers: a viewer
 * page, a {@code multipart/x-mixed-replace} stream and a snapshot. As a consumer it reads such a
 * stream from an IP camera or another server.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mjpeg", title = "MJPEG", syntax = "mjpeg:address",
             category = { Category.HTTP, Category.NETWORKING }, headersClass = MjpegConstants.class)
@ManagedResource(description = "MJPEG endpoint")
public class MjpegEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegEndpoint.class);

    @UriPath(description = "Producer (server): //host:port/path to serve, e.g. //0.0.0.0:8000/stream (port 8000 and path"
                           + " /stream when absent; port 0 picks a free port). Consumer (client): the camera's URL,"
                           + " http://host/video.cgi or https://..., or //host:port/path for plain HTTP.")
    @Metadata(required = true)
    private String address;

    @UriParam(label = "producer", defaultValue = "80", description = "JPEG quality 1-100 used when the body is a"
                                                                     + " VideoFrame, which is encoded once per frame whatever the number of viewers.")
    private int quality = 80;
    @UriParam(label = "producer", defaultValue = "16", description = "Most viewers of the stream at once; one more gets"
                                                                     + " 503 Service Unavailable. 0 means no limit.")
    private int maxClients = 16;
    @UriParam(label = "producer", defaultValue = "10000", javaType = "java.time.Duration",
              description = "A viewer that has not accepted a frame for this long (milliseconds) is disconnected.")
    private long viewerTimeout = 10000;
    @UriParam(label = "producer", description = "Your own viewer page (HTML), served at pagePath instead of the built-in"
                                                + " one. Its core is an img element whose src is the stream's path.")
    private String html;
    @UriParam(label = "producer", description = "Your own viewer page from a resource: file:, classpath: or http: (a"
                                                + " plain path is a file). Read when the producer starts.")
    private String htmlFile;
    @UriParam(label = "producer", defaultValue = "/", description = "Where html or htmlFile is served. Without them the"
                                                                   + " built-in page at / shows every stream of the port.")
    private String pagePath = "/";
    @UriParam(label = "producer", defaultValue = "0", description = "Event loop threads of a server this endpoint starts"
                                                                    + " (0: two per core, Netty's default).")
    private int ioThreads;

    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "First wait before reconnecting to a camera that is unreachable or went away; doubled on each"
                            + " failure up to maxReconnectDelay, and reset by a picture.")
    private long reconnectDelay = 1000;
    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Longest wait between reconnection attempts.")
    private long maxReconnectDelay = 30000;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How long connecting to the camera may take.")
    private long connectTimeout = 5000;
    @UriParam(label = "consumer", defaultValue = "10000", javaType = "java.time.Duration",
              description = "A camera that sends nothing for this long is disconnected and reconnected.")
    private long readTimeout = 10000;

    @UriParam(defaultValue = "8388608", description = "Largest picture in bytes. Producer: a larger body fails its"
                                                      + " exchange. Consumer: a larger part is dropped (counted) and the stream goes on.")
    private int maxFrameSize = 8 * 1024 * 1024;
    @UriParam(label = "security", secret = true, description = "Basic authentication user name. Producer: asked of"
                                                               + " every viewer (endpoints sharing a port must agree). Consumer: sent to the camera.")
    private String username;
    @UriParam(label = "security", secret = true, description = "Basic authentication password, see username.")
    private String password;
    @UriParam(label = "consumer,security", description = "Consumer of an https:// camera: the TLS settings, for example a"
                                                         + " trust store holding the camera's own certificate. Without it the JVM's default trust store is used."
                                                         + " The certificate must name the camera's host either way.")
    private SSLContextParameters sslContextParameters;

    private final MjpegAddress parsed;
    private LiveStream stream;
    private MjpegServer server;
    private String pageHtml;
    private int producers;

    public MjpegEndpoint(String uri, MjpegComponent component, String address) {
        super(uri, component);
        this.address = address;
        this.parsed = MjpegAddress.parse(address);
    }

    @Override
    public MjpegComponent getComponent() {
        return (MjpegComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (parsed.isCamera()) {
            throw new IllegalArgumentException("An mjpeg producer serves a stream: write mjpeg://host:port/path, not the"
                                               + " URL of a camera (" + address + ")");
        }
        return new MjpegProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MjpegConsumer consumer = new MjpegConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The stream the producers of this endpoint publish to, started (with its server) by the
     * first and stopped by the last: several routes may send to one endpoint.
     */
    synchronized LiveStream acquireStream() throws Exception {
        if (producers++ == 0) {
            try {
                startServing();
            } catch (Exception | Error e) {
                producers = 0;
                throw e;
            }
        }
        return stream;
    }

    synchronized void releaseStream() {
        if (--producers == 0) {
            stopServing();
        }
    }

    private void startServing() throws Exception {
        validateServerOptions();
        pageHtml = readPage();
        LiveStream s = new LiveStream(parsed.path(), maxClients, viewerTimeout, PooledByteBufAllocator.DEFAULT);
        MjpegServer srv = getComponent().servers().acquire(parsed.host(), parsed.port(),
                BasicAuth.of(username, password), ioThreads, getComponent().getIdleTimeout());
        try {
            srv.add(s, pagePath, pageHtml);
        } catch (RuntimeException e) {
            getComponent().servers().release(srv);
            throw e;
        }
        stream = s;
        server = srv;
        String base = srv.baseUrl();
        LOG.info("MJPEG stream at {}{} (viewer page {}{}, snapshot {}{}.jpg) for {}", base, s.path(), base,
                pageHtml != null ? pagePath : "/", base, s.path(), URISupport.sanitizeUri(getEndpointUri()));
    }

    private void stopServing() {
        if (server != null) {
            server.remove(stream, pagePath, pageHtml);
            stream.close();
            getComponent().servers().release(server);
            server = null;
            stream = null;
        }
    }

    private void validateServerOptions() {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1-100, got " + quality);
        }
        if (maxClients < 0) {
            throw new IllegalArgumentException("maxClients must be 0 (no limit) or more, got " + maxClients);
        }
        if (viewerTimeout <= 0) {
            throw new IllegalArgumentException("viewerTimeout must be positive, got " + viewerTimeout);
        }
        if (!pagePath.startsWith("/")) {
            throw new IllegalArgumentException("pagePath must start with /, got " + pagePath);
        }
        if (html != null && htmlFile != null) {
            throw new IllegalArgumentException("Set html or htmlFile, not both");
        }
    }

    private String readPage() throws Exception {
        if (htmlFile == null) {
            return html;
        }
        String uri = htmlFile.contains(":") ? htmlFile : "file:" + htmlFile;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    MjpegAddress parsedAddress() {
        return parsed;
    }

    /** The URL a consumer reads, without credentials and with the query's values hidden. */
    @ManagedAttribute(description = "The camera URL a consumer reads")
    public String getCameraUrl() {
        return ShownUrl.of(parsed.cameraUrl());
    }

    /** The server's base URL while a producer runs, e.g. http://127.0.0.1:8000; null otherwise. */
    @ManagedAttribute(description = "Base URL of the server while the endpoint serves")
    public synchronized String getServerUrl() {
        return server == null ? null : server.baseUrl();
    }

    @ManagedAttribute(description = "Viewers watching now")
    public synchronized int getViewerCount() {
        return stream == null ? 0 : stream.viewerCount();
    }

    @ManagedAttribute(description = "Frames published")
    public synchronized long getFramesPublished() {
        return stream == null ? 0 : stream.framesPublished();
    }

    @ManagedAttribute(description = "Frames viewers skipped because they were still busy with an older one")
    public synchronized long getFramesSkipped() {
        return stream == null ? 0 : stream.framesSkipped();
    }

    @ManagedAttribute(description = "Bytes written to viewers")
    public synchronized long getBytesSent() {
        return stream == null ? 0 : stream.bytesSent();
    }

    @ManagedAttribute(description = "Viewers refused because maxClients were watching")
    public synchronized long getViewersRejected() {
        return stream == null ? 0 : stream.viewersRejected();
    }

    @ManagedAttribute(description = "Viewers disconnected because they took no frame for viewerTimeout")
    public synchronized long getViewersTimedOut() {
        return stream == null ? 0 : stream.viewersTimedOut();
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getQuality() {
        return quality;
    }

    public void setQuality(int quality) {
        this.quality = quality;
    }

    public int getMaxClients() {
        return maxClients;
    }

    public void setMaxClients(int maxClients) {
        this.maxClients = maxClients;
    }

    public long getViewerTimeout() {
        return viewerTimeout;
    }

    public void setViewerTimeout(long viewerTimeout) {
        this.viewerTimeout = viewerTimeout;
    }

    public String getHtml() {
        return html;
    }

    public void setHtml(String html) {
        this.html = html;
    }

    public String getHtmlFile() {
        return htmlFile;
    }

    public void setHtmlFile(String htmlFile) {
        this.htmlFile = htmlFile;
    }

    public String getPagePath() {
        return pagePath;
    }

    public void setPagePath(String pagePath) {
        this.pagePath = pagePath;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
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

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
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

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
