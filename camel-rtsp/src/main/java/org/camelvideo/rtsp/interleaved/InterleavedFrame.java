package org.camelvideo.rtsp.interleaved;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/** One {@code $}-framed packet of RFC 2326 10.12: an RTP or RTCP packet on an interleaved channel. */
public final class InterleavedFrame extends DefaultByteBufHolder {

    private final int channel;

    public InterleavedFrame(int channel, ByteBuf content) {
        super(content);
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "InterleavedFrame[channel=" + channel + " " + content().readableBytes() + "B]";
    }
}
