package org.camelvideo.rtmp;

/** Which side of the RTMP connection an endpoint plays. */
public enum RtmpRole {
    /** Connect to a server: publish as a producer, play as a consumer. */
    client,
    /** Listen and accept a publisher (OBS, ffmpeg), as a consumer. */
    server
}
