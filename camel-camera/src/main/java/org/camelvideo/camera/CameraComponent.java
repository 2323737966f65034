package org.camelvideo.camera;

import java.util.Map;

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
        return endpoint;
    }
}
