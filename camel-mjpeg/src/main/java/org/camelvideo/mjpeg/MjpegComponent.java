package org.camelvideo.mjpeg;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.camelvideo.mjpeg.server.MjpegServers;

/** The {@code mjpeg:} component: MJPEG servers for browsers and clients for MJPEG cameras. */
@Component("mjpeg")
public class MjpegComponent extends HealthCheckComponent {

    private final MjpegServers servers = new MjpegServers();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MjpegEndpoint endpoint = new MjpegEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    MjpegServers servers() {
        return servers;
    }
}
