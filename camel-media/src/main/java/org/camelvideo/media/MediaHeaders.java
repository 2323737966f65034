package org.camelvideo.media;

/**
 * Message headers and exchange properties shared by the Camel Video components. Each component
 * documents which of them it sets and reads.
 */
public final class MediaHeaders {

    /** Presentation time of the body in microseconds ({@code long}). */
    public static final String TIMESTAMP = "CamelVideoTimestamp";
    /** Whether the body is a keyframe ({@code boolean}). */
    public static final String KEYFRAME = "CamelVideoKeyframe";
    /** The body's codec ({@link Codec}), for encoded bodies. */
    public static final String CODEC = "CamelVideoCodec";
    /** Picture width in pixels ({@code int}). */
    public static final String WIDTH = "CamelVideoWidth";
    /** Picture height in pixels ({@code int}). */
    public static final String HEIGHT = "CamelVideoHeight";
    /** Position of the frame in its source ({@code long}). */
    public static final String SEQUENCE = "CamelVideoSequence";
    /** Which stream of a source the body belongs to: {@code video} or {@code audio}. */
    public static final String STREAM_ID = "CamelVideoStreamId";
    /** Set to true on an exchange to make the encoder emit this frame as a keyframe. */
    public static final String REQUEST_KEYFRAME = "CamelVideoRequestKeyframe";
    /** JPEG quality 1-100 for the frame to JPEG conversion ({@code int}, exchange property or header). */
    public static final String JPEG_QUALITY = "CamelVideoJpegQuality";
    /** Exchange property: the {@link KeyframeRequester} of the encoder that made the body. */
    public static final String KEYFRAME_REQUESTER = "CamelVideoKeyframeRequester";

    /** {@link #STREAM_ID} of video bodies. */
    public static final String STREAM_VIDEO = "video";
    /** {@link #STREAM_ID} of audio bodies. */
    public static final String STREAM_AUDIO = "audio";

    private MediaHeaders() {
    }
}
