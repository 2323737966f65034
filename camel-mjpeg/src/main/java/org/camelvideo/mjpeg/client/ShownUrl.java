package org.camelvideo.mjpeg.client;

import java.net.URI;

/**
 * A camera URL as logs, health checks and JMX show it: the query's values hidden, since some
 * cameras take credentials there ({@code videostream.cgi?user=admin&pwd=...}) under names no list
 * of secret words covers. The names stay, so the log still tells which URL it is.
 */
public final class ShownUrl {

    private ShownUrl() {
    }

    public static String of(URI url) {
        String query = url.getRawQuery();
        String base = url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        if (query == null) {
            return base;
        }
        StringBuilder shown = new StringBuilder(base).append('?');
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            shown.append(i == 0 ? "" : "&").append(eq < 0 ? params[i] : params[i].substring(0, eq) + "=xxxxxx");
        }
        return shown.toString();
    }
}
