package org.camelvideo.media;

/**
 * Lets a consumer of encoded packets further down a route ask the encoder that made them for
 * a fresh keyframe, for example when a new viewer joins. An encoder publishes itself on each
 * exchange under {@link MediaHeaders#KEYFRAME_REQUESTER}; the request is served on its next
 * frame.
 */
@FunctionalInterface
public interface KeyframeRequester {

    void requestKeyframe();
}
