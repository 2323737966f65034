package org.camelvideo.rtsp.support;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.camelvideo.rtsp.RtspComponent;

/** A Camel context serving a clip at rtsp://127.0.0.1:FREE_PORT/live through the rtsp producer. */
public final class Server implements AutoCloseable {

    public final CamelContext context = new DefaultCamelContext();
    public final int port = AvailablePortFinder.getNextAvailable();
    public final String uri;
    public final String url;
    private final Producer producer;
    private final Endpoint endpoint;
    private Feeder feeder;

    public Server(String options) throws Exception {
        this("/live", options);
    }

    public Server(String path, String options) throws Exception {
        this(path, options, 0);
    }

    /** @param workerThreads the rtsp component's event loops, shared by its servers and clients; 0 for the default */
    public Server(String path, String options, int workerThreads) throws Exception {
        RtspComponent component = new RtspComponent();
        component.setWorkerThreads(workerThreads);
        context.addComponent("rtsp", component);
        url = "rtsp://127.0.0.1:" + port + path;
        uri = url + (options.isEmpty() ? "" : "?" + options);
        context.start();
        endpoint = context.getEndpoint(uri);
        producer = endpoint.createProducer();
        producer.start();
    }

    public void send(Object body) {
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setBody(body);
        try {
            producer.process(exchange);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Server feed(Clip clip, boolean withAudio) {
        feeder = new Feeder(clip, withAudio, this::send);
        return this;
    }

    public Producer producer() {
        return producer;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        if (feeder != null) {
            feeder.close();
        }
        producer.stop();
        context.stop();
    }
}
