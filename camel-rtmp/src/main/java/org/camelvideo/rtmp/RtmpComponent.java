package org.camelvideo.rtmp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;
import org.camelvideo.netty.Transport;
import org.camelvideo.rtmp.server.RtmpServer;

/**
 * The rtmp: and rtmps: component. Owns the Netty event loops every endpoint of it shares, and
 * the servers of the server role, one per host:port whatever the number of endpoints on it.
 */
@Component("rtmp,rtmps")
public class RtmpComponent extends HealthCheckComponent {

    static final String MASK = "xxxxxx";

    @Metadata(label = "advanced", defaultValue = "2",
              description = "Netty event loop threads in each of the component's two groups (plain-TCP publishers; everything else), shared by all its endpoints")
    private int eventLoopThreads = 2;

    private EventLoopGroup group;
    private EventLoopGroup publishGroup;
    private final Map<String, SharedServer> servers = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        boolean tls = uri.startsWith("rtmps:");
        String rest = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int colon = authority.lastIndexOf(':');
        String host = authority;
        int port = 0;
        if (colon > 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rtmp: port '" + authority.substring(colon + 1) + "' is not a number");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("rtmp: the URI names no host: " + masked(tls, host, port, path, parameters));
        }
        Map<String, Object> given = new LinkedHashMap<>(parameters);
        RtmpEndpoint endpoint = new RtmpEndpoint(masked(tls, host, port, path, given), this, tls);
        endpoint.setHost(host);
        endpoint.setPort(port);
        endpoint.setPath(path);
        setProperties(endpoint, parameters);
        if (isPastedStreamKey(endpoint, parameters)) {
            String key = parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&", "?", ""));
            given.keySet().removeAll(parameters.keySet());
            given.put("streamKey", key);
            parameters.clear();
            endpoint.setStreamKey(key);
            endpoint.setMaskedUri(masked(tls, host, port, path, given));
        } else if (!parameters.isEmpty()) {
            // Refused when a producer or consumer is made, not here: Camel would print the resolved URI, a key
            // in its path included, beside the error; there it prints the endpoint's masked URI.
            endpoint.setUnknownOptions(new TreeSet<>(parameters.keySet()));
            parameters.keySet().forEach(name -> given.put(name, MASK));
            parameters.clear();
            endpoint.setMaskedUri(masked(tls, host, port, path, given));
        }
        return endpoint;
    }

    /**
     * Whether what is left of the query after the options is a live platform's key as it gives it
     * and OBS takes it, after a server URL that ends in the app and a slash:
     * {@code rtmp://live-push.bilivideo.com/live-bvc/?streamname=live_…&key=…}.
     */
    private static boolean isPastedStreamKey(RtmpEndpoint endpoint, Map<String, Object> unknown) {
        return !unknown.isEmpty() && endpoint.getRole() == RtmpRole.client && endpoint.getApp() == null && endpoint.getStreamKey() == null
               && endpoint.getPath().endsWith("/") && endpoint.resolvedStream().isEmpty();
    }

    /**
     * The URI as Camel prints it: a client's stream name (the last path segments, where live
     * platforms put the key) and the streamKey option replaced by a mask.
     */
    static String masked(boolean tls, String host, int port, String path, Map<String, Object> parameters) throws Exception {
        boolean server = "server".equals(String.valueOf(parameters.get("role")));
        String shownPath = path;
        if (!server) {
            int slash = path.indexOf('/');
            boolean appOption = parameters.containsKey("app");
            if (appOption && !path.isEmpty()) {
                shownPath = MASK;
            } else if (slash >= 0 && slash < path.length() - 1) {
                shownPath = path.substring(0, slash + 1) + MASK;
            }
        }
        Map<String, Object> shown = new LinkedHashMap<>(parameters);
        if (shown.containsKey("streamKey")) {
            shown.put("streamKey", MASK);
        }
        String query = shown.isEmpty() ? "" : "?" + URISupport.createQueryString(shown);
        return (tls ? "rtmps" : "rtmp") + "://" + host + (port > 0 ? ":" + port : "") + "/" + shownPath + query;
    }

    /** The event loops, started with the first endpoint that needs them. */
    synchronized EventLoopGroup eventLoopGroup() {
        if (group == null) {
            group = Transport.eventLoops(eventLoopThreads, new DefaultThreadFactory("camel-rtmp", true));
        }
        return group;
    }

    /**
     * The event loops of plain-TCP publishers, on Java NIO whatever the platform, so that the
     * publishing thread may write to the socket itself ({@code PublishSocketChannel}).
     */
    synchronized EventLoopGroup publishEventLoopGroup() {
        if (publishGroup == null) {
            publishGroup = new NioEventLoopGroup(eventLoopThreads, new DefaultThreadFactory("camel-rtmp-publish", true));
        }
        return publishGroup;
    }

    /** The server on host:port, bound by its first user, whose read timeout it keeps. */
    synchronized RtmpServer acquireServer(String host, int port, long readTimeoutMillis) {
        String key = host + ":" + port;
        SharedServer shared = servers.get(key);
        if (shared == null) {
            RtmpServer server = new RtmpServer(host, port, readTimeoutMillis);
            server.bind(eventLoopGroup());
            shared = new SharedServer(server);
            servers.put(key, shared);
        }
        shared.users++;
        return shared.server;
    }

    /** Closes the server with its last user. */
    synchronized void releaseServer(RtmpServer server) {
        servers.values().removeIf(shared -> {
            if (shared.server == server && --shared.users == 0) {
                server.close();
                return true;
            }
            return false;
        });
    }

    @Override
    protected void doStop() throws Exception {
        List<EventLoopGroup> groups = new ArrayList<>();
        synchronized (this) {
            servers.values().forEach(shared -> shared.server.close());
            servers.clear();
            for (EventLoopGroup g : new EventLoopGroup[] {group, publishGroup}) {
                if (g != null) {
                    groups.add(g);
                    g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
                }
            }
            group = null;
            publishGroup = null;
        }
        groups.forEach(g -> g.terminationFuture().awaitUninterruptibly());
        super.doStop();
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    /** A server and the number of endpoints using it. */
    private static final class SharedServer {
        final RtmpServer server;
        int users;

        SharedServer(RtmpServer server) {
            this.server = server;
        }
    }
}
