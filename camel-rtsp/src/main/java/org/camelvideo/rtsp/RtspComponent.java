package org.camelvideo.rtsp;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.camelvideo.rtsp.netty.EventLoops;
import org.camelvideo.rtsp.server.RtspServers;

/** The {@code rtsp:} component: RTSP server as a producer, RTSP client as a consumer. */
@Component("rtsp")
public class RtspComponent extends DefaultComponent {

    @Metadata(label = "advanced", defaultValue = "0",
              description = "Netty event loop threads shared by the servers and clients of this component; 0 for "
                            + "Netty's default of twice the cores.")
    private int workerThreads;

    private EventLoops eventLoops;
    private RtspServers servers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RtspEndpoint endpoint = new RtspEndpoint(uri, this);
        endpoint.parseAddress(remaining);
        setProperties(endpoint, parameters);
        endpoint.keepCameraQuery(parameters);
        parameters.clear();
        endpoint.validate();
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        if (workerThreads < 0) {
            throw new IllegalArgumentException("rtsp: workerThreads must be 0 (twice the cores) or more, got " + workerThreads);
        }
        super.doStart();
        eventLoops = new EventLoops(workerThreads);
        servers = new RtspServers(eventLoops);
    }

    synchronized EventLoops eventLoops() {
        return eventLoops;
    }

    synchronized RtspServers servers() {
        return servers;
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }
}
