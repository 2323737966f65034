package org.camelvideo.rtmp.server;

import io.netty.channel.Channel;
import org.camelvideo.media.MediaPacket;

/** Takes the packets of a publisher that a {@link PublishPoint} accepted. Called on the event loop. */
public interface PublishSink {

    /** @param from the publisher's connection, which the sink may stop reading while it catches up */
    void packet(MediaPacket packet, Channel from);
}
