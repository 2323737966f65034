package org.camelvideo.camera;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.camelvideo.ffmpeg.Ffmpeg;

/** {@code camera:} — live frames from the built-in test source, a V4L2 camera, a file or a URL. */
@Component("camera")
public class CameraComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Ffmpeg.findNativeJars();
        CameraEndpoint endpoint = new CameraEndpoint(uri, this);
        endpoint.setSource(remaining == null || remaining.isEmpty() ? org.camelvideo.camera.source.Sources.TESTSRC : remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getSource().contains("://") && !parameters.isEmpty()) {
            // What is not an option is the camera URL's own query (rtsp://cam/realmonitor?channel=1&subtype=0),
            // in the order Camel has put the parameters in: by name.
            String query = parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
            endpoint.setSource(endpoint.getSource() + (endpoint.getSource().contains("?") ? "&" : "?") + query);
            parameters.clear();
        }
        return endpoint;
    }
}
