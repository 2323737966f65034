package org.camelvideo.mjpeg.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The servers of one component, by host and port, so that endpoints on the same port share one.
 * Reference-counted: a server closes with the last endpoint that released it. Port 0 asks for a
 * fresh free port and is never shared.
 */
public final class MjpegServers {

    private final Map<String, MjpegServer> servers = new HashMap<>();

    public synchronized MjpegServer acquire(String host, int port, BasicAuth auth, int ioThreads, long idleTimeoutMillis) {
        String key = host + ":" + port;
        MjpegServer server = port == 0 ? null : servers.get(key);
        if (server == null) {
            server = new MjpegServer(host, port, auth);
            server.start(ioThreads, idleTimeoutMillis);
            if (port != 0) {
                servers.put(key, server);
            }
        } else if (!BasicAuth.same(server.auth(), auth)) {
            throw new IllegalArgumentException("Endpoints sharing " + key
                    + " must use the same username and password: one server answers them all");
        }
        server.retain();
        return server;
    }

    public synchronized void release(MjpegServer server) {
        if (server.releaseReference() == 0) {
            servers.remove(server.host() + ":" + server.requestedPort(), server);
            server.stop();
        }
    }
}
