package org.camelvideo.mjpeg.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** What a server answers at one path, for a GET or HEAD that passed authentication. */
interface Resource {

    void serve(ChannelHandlerContext ctx, FullHttpRequest request);
}
