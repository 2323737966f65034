package org.camelvideo.rtmp.client;

import io.netty.channel.Channel;
import org.camelvideo.rtmp.message.RtmpMessage;

/** What a client session reports to whoever drives it. Called on the channel's event loop. */
public interface SessionListener {

    /** Publishing or playing has started on message stream {@code streamId}. */
    void ready(Channel channel, long streamId);

    /** An audio, video or data message of the played stream; the listener releases it. */
    void media(RtmpMessage message);

    /** The server said no; {@code reason} names its status code and description. */
    void refused(String reason);
}
