package org.camelvideo.mjpeg.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The latest frame as one JPEG, sent from the shared part without a copy. */
final class SnapshotResource implements Resource {

    private final LiveStream stream;

    SnapshotResource(LiveStream stream) {
        this.stream = stream;
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        Frame latest = stream.latest();
        if (latest == null) {
            Responses.text(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "No frame has been published on " + stream.path() + " yet", HttpHeaderNames.RETRY_AFTER.toString(), "1");
            return;
        }
        try {
            Responses.send(ctx, request, HttpResponseStatus.OK, "image/jpeg", latest.retainedJpeg());
        } finally {
            latest.release();
        }
    }
}
