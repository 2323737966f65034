package org.camelvideo.mjpeg;

import java.net.URI;

/**
 * Where an endpoint serves or reads. {@code mjpeg://host:port/path} is a server address for a
 * producer and a camera at {@code http://host:port/path} for a consumer; {@code mjpeg:http://...}
 * and {@code mjpeg:https://...} name a camera directly.
 *
 * @param host   the host to bind or to connect to
 * @param port   the port, 8000 for a server and the scheme's port for a camera when absent
 * @param path   the path, {@code /stream} for a server when absent
 * @param url    the camera URL (without credentials), or null for a server address
 * @param userInfo credentials given in the camera URL, or null
 */
record MjpegAddress(String host, int port, String path, URI url, String userInfo) {

    static final int DEFAULT_SERVER_PORT = 8000;
    static final String DEFAULT_SERVER_PATH = "/stream";

    /** Whether an address names a camera by its own http:// or https:// URL. */
    static boolean isCameraUrl(String address) {
        return address.startsWith("http://") || address.startsWith("https://");
    }

    static MjpegAddress parse(String address) {
        String a = address.startsWith("//") ? address.substring(2) : address;
        boolean camera = isCameraUrl(a);
        URI uri = URI.create(camera ? a : "http://" + a);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No host in the mjpeg address '" + address + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri.getRawPath();
        if (!camera) {
            // the server matches decoded request paths
            path = path == null ? null : uri.getPath();
            int port = uri.getPort() < 0 ? DEFAULT_SERVER_PORT : uri.getPort();
            return new MjpegAddress(uri.getHost(), port, path == null ? DEFAULT_SERVER_PATH : path, null, null);
        }
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
        URI withoutCredentials = URI.create(uri.getScheme() + "://" + hostLiteral(uri.getHost()) + ":" + port
                + (path == null ? "/" : path) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return new MjpegAddress(uri.getHost(), port, path == null ? "/" : path, withoutCredentials, uri.getRawUserInfo());
    }

    /** The camera address of a consumer: a server-style address is read over plain HTTP. */
    URI cameraUrl() {
        return url != null ? url : URI.create("http://" + hostLiteral(host) + ":" + port + path);
    }

    boolean isCamera() {
        return url != null;
    }

    private static String hostLiteral(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
