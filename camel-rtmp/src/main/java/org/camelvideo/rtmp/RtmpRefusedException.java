package org.camelvideo.rtmp;

/** The RTMP server refused to connect, publish or play, for the reason it gave. */
public class RtmpRefusedException extends RuntimeException {

    public RtmpRefusedException(String message) {
        super(message);
    }
}
