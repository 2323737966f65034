package org.camelvideo.rtsp.server;

import java.util.HashMap;
import java.util.Map;

import org.camelvideo.rtsp.netty.EventLoops;

/**
 * The servers of one component by host:port, reference-counted: endpoints on the same
 * host:port share one server, which closes with the last of them.
 */
public final class RtspServers {

    private final EventLoops loops;
    private final Map<String, Entry> servers = new HashMap<>();

    public RtspServers(EventLoops loops) {
        this.loops = loops;
    }

    private static final class Entry {
        final RtspServer server;
        int users;

        Entry(RtspServer server) {
            this.server = server;
        }
    }

    /** The server on host:port, started by the first caller (UDP on {@code udpPort}, 0 for any). */
    public synchronized RtspServer acquire(String host, int port, int udpPort) {
        String key = host + ":" + port;
        Entry e = servers.get(key);
        if (e == null) {
            RtspServer server = new RtspServer(host, port, loops.acquire());
            try {
                server.start(udpPort);
            } catch (RuntimeException ex) {
                loops.release();
                throw ex;
            }
            e = new Entry(server);
            servers.put(key, e);
        }
        e.users++;
        return e.server;
    }

    public synchronized void release(RtspServer server) {
        String key = server.host() + ":" + server.port();
        Entry e = servers.get(key);
        if (e == null || e.server != server) {
            return;
        }
        if (--e.users == 0) {
            servers.remove(key);
            server.stop();
            loops.release();
        }
    }
}
