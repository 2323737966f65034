package org.camelvideo.rtmp.handshake;

/** User event fired down the pipeline once C0-C2/S0-S2 are exchanged and chunks may flow. */
public enum HandshakeCompleted {
    INSTANCE
}
