package org.camelvideo.mjpeg.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.camelvideo.mjpeg.multipart.JpegPart;

/** Hands decoded pictures to the client, last in the pipeline. */
final class PartHandler extends SimpleChannelInboundHandler<JpegPart> {

    private final MjpegClient client;

    PartHandler(MjpegClient client) {
        this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, JpegPart part) {
        client.received(part);
    }
}
