package org.camelvideo.rtmp.message;

/** User control event types (RTMP specification 7.1.7). */
public final class UserControl {

    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int STREAM_DRY = 2;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int STREAM_IS_RECORDED = 4;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;

    private UserControl() {
    }
}
