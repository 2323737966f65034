package org.camelvideo.rtmp.server;

import org.camelvideo.media.MediaPacket;

/** Takes the packets of a publisher that a {@link PublishPoint} accepted. Called on the event loop. */
public interface PublishSink {

    void packet(MediaPacket packet);
}
