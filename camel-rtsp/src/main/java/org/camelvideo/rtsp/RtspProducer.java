package org.camelvideo.rtsp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.media.Codec;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.h264.H264AccessUnit;
import org.camelvideo.rtsp.auth.ServerAuthenticator;
import org.camelvideo.rtsp.server.MediaStream;
import org.camelvideo.rtsp.server.RtspServer;
import org.camelvideo.rtsp.server.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the route's packets at the endpoint's path: each exchange is one frame, handed to the
 * readers without waiting for any of them.
 */
@ManagedResource(description = "RTSP server stream")
public class RtspProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RtspProducer.class);

    private final RtspEndpoint endpoint;
    private RtspServer server;
    private MediaStream stream;
    private long startNanos;

    public RtspProducer(RtspEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServerAuthenticator auth = null;
        if (endpoint.getUsername() != null) {
            if (endpoint.getPassword() == null) {
                throw new IllegalArgumentException("rtsp: a username needs a password too");
            }
            auth = new ServerAuthenticator(endpoint.getAuthMethod(), endpoint.getRealm(), endpoint.getUsername(),
                                           endpoint.getPassword());
        }
        StreamSettings settings = new StreamSettings(endpoint.isGopCache(), endpoint.getMaxQueueBytes(),
                endpoint.getWriteTimeout(), endpoint.getSessionTimeout(), auth, endpoint.getWidth(), endpoint.getHeight(),
                endpoint.getFps(), endpoint.getPayloadSize(), endpoint.getMaxFrameLength());
        server = endpoint.getComponent().servers().acquire(endpoint.getHost(), endpoint.getPort(), endpoint.getUdpPort());
        try {
            stream = server.mount(endpoint.getPath(), settings);
        } catch (RuntimeException e) {
            endpoint.getComponent().servers().release(server);
            server = null;
            throw e;
        }
        startNanos = System.nanoTime();
        LOG.info("RTSP server serving {} (e.g. ffplay -rtsp_transport tcp {})", readerUrl(), readerUrl());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.unmount(endpoint.getPath());
            endpoint.getComponent().servers().release(server);
            server = null;
            stream = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        KeyframeRequester requester = exchange.getProperty(MediaHeaders.KEYFRAME_REQUESTER, KeyframeRequester.class);
        if (requester != null) {
            stream.keyframeRequester(requester);
        }
        Message in = exchange.getIn();
        Object body = in.getBody();
        if (body instanceof MediaPacket) {
            MediaPacket p = (MediaPacket) body;
            if (p.codec() == Codec.H264) {
                stream.publishVideo(p.payload(), p.ptsMicros(), p.isKeyframe(), p.config());
            } else if (p.codec() == Codec.AAC) {
                stream.publishAudio(p.payload(), p.ptsMicros(), p.config());
            } else {
                throw new IllegalArgumentException("rtsp: serves H264 and AAC packets, not " + p.codec());
            }
        } else if (body instanceof byte[]) {
            byte[] nal = (byte[]) body;
            Boolean key = in.getHeader(MediaHeaders.KEYFRAME, Boolean.class);
            Long pts = in.getHeader(MediaHeaders.TIMESTAMP, Long.class);
            stream.publishVideo(nal, pts != null ? pts : (System.nanoTime() - startNanos) / 1000,
                                key != null ? key : H264AccessUnit.isKeyframe(nal), null);
        } else {
            throw new InvalidPayloadException(exchange, MediaPacket.class);
        }
    }

    /** What readers open: the listening address, or this machine's address when it listens on all. */
    private String readerUrl() {
        String host = endpoint.getHost();
        if ("0.0.0.0".equals(host)) {
            host = siteLocalAddress();
        }
        return endpoint.displayUrl(host);
    }

    private static String siteLocalAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            LOG.debug("Cannot list network interfaces", e);
        }
        return "127.0.0.1";
    }

    @ManagedAttribute(description = "Readers playing now")
    public int getReaderCount() {
        return stream == null ? 0 : stream.readerCount();
    }

    @ManagedAttribute(description = "Frames served")
    public long getFrames() {
        return stream == null ? 0 : stream.frames();
    }

    @ManagedAttribute(description = "Frames dropped for being longer than maxFrameLength")
    public long getOversizeFrames() {
        return stream == null ? 0 : stream.oversizeFrames();
    }

    @ManagedAttribute(description = "Frames dropped for readers that could not keep up")
    public long getReaderDrops() {
        return stream == null ? 0 : stream.readerDrops();
    }

    @ManagedAttribute(description = "Median time in microseconds from a frame's hand-off to its write to a reader's socket")
    public long getWriteLatencyP50Micros() {
        return stream == null ? 0 : stream.writeLatency().percentileMicros(0.5);
    }

    @ManagedAttribute(description = "99th percentile time in microseconds from a frame's hand-off to its write to a reader's"
                                    + " socket")
    public long getWriteLatencyP99Micros() {
        return stream == null ? 0 : stream.writeLatency().percentileMicros(0.99);
    }

    @ManagedOperation(description = "Starts the write latency figures afresh")
    public void resetWriteLatency() {
        if (stream != null) {
            stream.writeLatency().reset();
        }
    }

    @ManagedAttribute(description = "Readers disconnected after the write timeout")
    public long getStuckReaders() {
        return stream == null ? 0 : stream.stuckReaders();
    }
}
