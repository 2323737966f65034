package org.camelvideo.ffmpeg;

/** An FFmpeg call failed; the message says which call and FFmpeg's reason. */
public class FfmpegException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public FfmpegException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The AVERROR code, negative. */
    public int code() {
        return code;
    }
}
