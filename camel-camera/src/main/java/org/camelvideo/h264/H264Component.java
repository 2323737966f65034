package org.camelvideo.h264;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.camelvideo.ffmpeg.Ffmpeg;

/** {@code h264:} — encode frames to H.264 (and audio to AAC), decode H.264 to frames. */
@Component("h264")
public class H264Component extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Ffmpeg.findNativeJars();
        H264Endpoint endpoint = new H264Endpoint(uri, this);
        try {
            endpoint.setOperation(H264Operation.valueOf(remaining));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown h264 operation '" + remaining + "' in " + uri
                                               + ": use h264:encode or h264:decode", e);
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
