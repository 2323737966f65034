package org.camelvideo.mjpeg;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** A started CamelContext with one route, {@code direct:in} (id {@code server}) to an mjpeg: endpoint. */
public final class TestServer {

    private TestServer() {
    }

    public static CamelContext start(String mjpegUri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("server").to(mjpegUri);
            }
        });
        context.start();
        return context;
    }
}
