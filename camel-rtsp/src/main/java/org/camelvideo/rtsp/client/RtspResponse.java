package org.camelvideo.rtsp.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;

/** A response copied out of Netty's buffers at once, so that no reference-counted object leaves the pipeline. */
final class RtspResponse {

    final int status;
    final String reason;
    final HttpHeaders headers;
    final String body;

    RtspResponse(FullHttpResponse r) {
        this.status = r.status().code();
        this.reason = r.status().reasonPhrase();
        this.headers = r.headers().copy();
        this.body = r.content().toString(StandardCharsets.UTF_8);
    }

    String header(CharSequence name) {
        return headers.get(name);
    }

    List<String> all(CharSequence name) {
        return headers.getAll(name);
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
