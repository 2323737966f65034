package org.camelvideo.rtsp.rtp;

/** Turns the RTP packets of one track back into access units, in arrival order. */
public interface Depacketizer {

    void packet(RtpPacket packet);
}
