package org.camelvideo.mjpeg.server;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.camelvideo.netty.SocketErrors;
import org.camelvideo.netty.Transport;

/**
 * One HTTP server on one host and port, shared by every endpoint that serves there: each adds
 * its stream (stream, snapshot, figures and optionally a page) to the path table. Plain NIO, so
 * no native library is loaded.
 */
public final class MjpegServer {

    private final String host;
    private final int port;
    private final BasicAuth auth;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final List<LiveStream> streams = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private Channel channel;
    private int references;

    MjpegServer(String host, int port, BasicAuth auth) {
        this.host = host;
        this.port = port;
        this.auth = auth;
    }

    void start(int ioThreads, long idleTimeoutMillis) {
        group = Transport.eventLoops(ioThreads, new DefaultThreadFactory("mjpeg-server-" + port, true));
        ChannelFuture bind = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverSocket(group))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpPipeline(this, idleTimeoutMillis))
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdownGroup();
            throw SocketErrors.cannotListen("MJPEG server", host, port, bind.cause());
        }
        channel = bind.channel();
    }

    void stop() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        shutdownGroup();
    }

    private void shutdownGroup() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Serves {@code stream} at its path, its latest frame at path{@code .jpg} and its figures at
     * path{@code .json}, and {@code pageHtml} (when not null) at {@code pagePath}.
     */
    public synchronized void add(LiveStream stream, String pagePath, String pageHtml) {
        Map<String, Resource> added = new LinkedHashMap<>();
        added.put(stream.path(), new StreamResource(stream));
        added.put(stream.path() + ".jpg", new SnapshotResource(stream));
        added.put(stream.path() + ".json", new StatsResource(stream));
        if (pageHtml != null) {
            added.put(pagePath, new PageResource(pageHtml));
        }
        for (String path : added.keySet()) {
            if (resources.containsKey(path)) {
                throw new IllegalStateException("Another endpoint already serves " + path + " on " + host + ":" + port);
            }
        }
        resources.putAll(added);
        streams.add(stream);
    }

    public synchronized void remove(LiveStream stream, String pagePath, String pageHtml) {
        streams.remove(stream);
        resources.remove(stream.path());
        resources.remove(stream.path() + ".jpg");
        resources.remove(stream.path() + ".json");
        if (pageHtml != null) {
            resources.remove(pagePath);
        }
    }

    /**
     * The resource at {@code path}. A stream or a page is also found with a slash after its path,
     * as people type and link such addresses; a snapshot or figures path names a file.
     */
    Resource resource(String path) {
        Resource resource = resources.get(path);
        if (resource == null && path.length() > 1 && path.endsWith("/")) {
            Resource withoutSlash = resources.get(path.substring(0, path.length() - 1));
            if (withoutSlash instanceof StreamResource || withoutSlash instanceof PageResource) {
                return withoutSlash;
            }
        }
        if (resource == null && "/".equals(path) && !streams.isEmpty()) {
            return new PageResource(ViewerPage.html(streams));
        }
        return resource;
    }

    BasicAuth auth() {
        return auth;
    }

    String host() {
        return host;
    }

    int requestedPort() {
        return port;
    }

    int retain() {
        return ++references;
    }

    int releaseReference() {
        return --references;
    }

    /** The port actually bound, which differs from the requested one when that was 0. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The base URL a user on this machine can open: a wildcard address is shown as 127.0.0.1. */
    public String baseUrl() {
        String shown = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        if (shown.indexOf(':') >= 0 && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return "http://" + shown + ":" + port();
    }
}
