package org.camelvideo.mjpeg;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.camelvideo.mjpeg.server.MjpegServers;

/** The {@code mjpeg:} component: MJPEG servers for browsers and clients for MJPEG cameras. */
@Component("mjpeg")
public class MjpegComponent extends HealthCheckComponent {

    private final MjpegServers servers = new MjpegServers();

    @Metadata(label = "producer", defaultValue = "60000", javaType = "java.time.Duration",
              description = "A server closes a connection that is not watching a stream and has sent no request for"
                            + " this long (milliseconds), so idle or half-open connections do not pile up.")
    private long idleTimeout = 60000;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String address = remaining;
        if (MjpegAddress.isCameraUrl(remaining)) {
            address = withCameraQuery(remaining, parameters);
        }
        MjpegEndpoint endpoint = new MjpegEndpoint(uri, this, address);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * Cameras often take query parameters of their own (video.cgi?resolution=640x480): the ones
     * that are not mjpeg options go back into the camera URL instead of failing as unknown options.
     */
    private String withCameraQuery(String url, Map<String, Object> parameters) {
        Set<String> options = getCamelContext().getCamelContextExtension().getEndpointUriFactory("mjpeg").propertyNames();
        Map<String, Object> camera = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, Object>> it = parameters.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Object> e = it.next();
            if (!options.contains(e.getKey())) {
                camera.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        if (camera.isEmpty()) {
            return url;
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, Object> e : camera.entrySet()) {
            query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8));
            if (e.getValue() != null && !e.getValue().toString().isEmpty()) {
                query.append('=').append(URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8));
            }
        }
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    MjpegServers servers() {
        return servers;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }
}
