package org.camelvideo.rtsp.rtp;

/** Receives the access units a depacketizer reassembled. */
@FunctionalInterface
public interface AccessUnitListener {

    /**
     * @param payload   the access unit (Annex-B for H.264, one raw frame for AAC), owned by the listener
     * @param timestamp its 32-bit RTP timestamp
     * @param keyframe  whether a decoder can start on it
     */
    void accessUnit(byte[] payload, long timestamp, boolean keyframe);
}
