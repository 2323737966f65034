package org.camelvideo.rtsp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import org.camelvideo.rtsp.auth.ServerAuthenticator;
import org.camelvideo.rtsp.server.MediaStream;
import org.camelvideo.rtsp.server.RtspServer;
import org.camelvideo.rtsp.server.RtspServers;
import org.camelvideo.rtsp.server.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path an endpoint serves, mounted on its port's shared server by the endpoint's first
 * producer and unmounted with the last, so that a video route and an audio route can feed one
 * path, as they can one rtmp: publish.
 */
final class ServedPath {

    private static final Logger LOG = LoggerFactory.getLogger(ServedPath.class);

    private final RtspEndpoint endpoint;
    private RtspServer server;
    private MediaStream stream;
    private int users;

    ServedPath(RtspEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The stream at the endpoint's path, mounted now if no producer serves it yet.
     *
     * @throws IllegalStateException when another endpoint serves that path on that port
     */
    synchronized MediaStream acquire() {
        if (users == 0) {
            StreamSettings settings = new StreamSettings(endpoint.isGopCache(), endpoint.getMaxQueueBytes(),
                    endpoint.getWriteTimeout(), endpoint.getSessionTimeout(), authenticator(), endpoint.getWidth(),
                    endpoint.getHeight(), endpoint.getFps(), endpoint.getPayloadSize(), endpoint.getMaxFrameLength());
            RtspServers servers = endpoint.getComponent().servers();
            RtspServer acquired = servers.acquire(endpoint.getHost(), endpoint.getPort(), endpoint.getUdpPort());
            try {
                stream = acquired.mount(endpoint.getPath(), settings);
            } catch (RuntimeException e) {
                servers.release(acquired);
                throw e;
            }
            server = acquired;
            LOG.info("RTSP server serving {} (e.g. ffplay -rtsp_transport tcp {})", readerUrl(), readerUrl());
        }
        users++;
        return stream;
    }

    /** Unmounts the path with its last producer: its readers are disconnected. */
    synchronized void release() {
        if (users == 0 || --users > 0) {
            return;
        }
        server.unmount(endpoint.getPath());
        endpoint.getComponent().servers().release(server);
        server = null;
        stream = null;
    }

    private ServerAuthenticator authenticator() {
        if (endpoint.getUsername() == null) {
            return null;
        }
        if (endpoint.getPassword() == null) {
            throw new IllegalArgumentException("rtsp: a username needs a password too");
        }
        return new ServerAuthenticator(endpoint.getAuthMethod(), endpoint.getRealm(), endpoint.getUsername(),
                                       endpoint.getPassword());
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
}
