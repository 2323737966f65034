package org.camelvideo.rtsp;

/** How RTP travels between server and reader. */
public enum RtspTransport {
    /** Interleaved in the RTSP connection (RFC 2326 10.12): passes firewalls, no loss. */
    TCP,
    /** Unicast UDP datagrams to the reader's ports: lowest latency, loss possible. */
    UDP
}
