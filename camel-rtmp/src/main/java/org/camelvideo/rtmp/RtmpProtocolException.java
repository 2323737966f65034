package org.camelvideo.rtmp;

import io.netty.handler.codec.DecoderException;

/**
 * The peer sent bytes that break the RTMP, AMF0 or FLV rules. Thrown by the decoders so that
 * the handler owning the connection can close it with a message naming the problem; never
 * anything else (index errors, null pointers) for malformed input.
 */
public class RtmpProtocolException extends DecoderException {

    public RtmpProtocolException(String message) {
        super(message);
    }
}
