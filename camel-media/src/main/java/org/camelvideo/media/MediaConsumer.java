package org.camelvideo.media;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer fed by its own capture or network thread. That thread runs the route for each frame
 * or packet and must carry on whatever the route does, so a failure goes to the consumer's
 * exception handler and never back to the thread.
 */
public abstract class MediaConsumer extends DefaultConsumer {

    protected MediaConsumer(Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /** Runs the route with {@code exchange} on this thread, reports a failure as {@code failure}, and releases it. */
    protected void processAndRelease(Exchange exchange, String failure) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException(failure, exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
