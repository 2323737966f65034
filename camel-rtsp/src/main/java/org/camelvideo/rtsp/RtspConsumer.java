package org.camelvideo.rtsp;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Pulls a stream from an RTSP server and emits its packets. */
public class RtspConsumer extends DefaultConsumer {

    public RtspConsumer(RtspEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }
}
