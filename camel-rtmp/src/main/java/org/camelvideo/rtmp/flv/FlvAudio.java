package org.camelvideo.rtmp.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.camelvideo.media.CodecConfig;

/**
 * The body of an FLV audio tag carrying AAC (FLV specification E.4.2): one byte saying AAC
 * (always written as 44 kHz, 16-bit, stereo, which the specification requires for AAC; the real
 * values are in the AudioSpecificConfig), the AAC packet type, then the AudioSpecificConfig or
 * one raw AAC frame.
 */
public final class FlvAudio {

    public static final int FORMAT_AAC = 10;
    public static final int AAC_SEQUENCE_HEADER = 0;
    public static final int AAC_RAW = 1;
    /** AAC, 44 kHz, 16-bit, stereo. */
    static final int AAC_FLAGS = FORMAT_AAC << 4 | 3 << 2 | 1 << 1 | 1;
    /** Bytes before the AAC payload. */
    public static final int HEADER_LENGTH = 2;

    private FlvAudio() {
    }

    public static ByteBuf sequenceHeader(ByteBufAllocator alloc, CodecConfig config) {
        byte[] asc = config.audioSpecificConfig();
        return alloc.buffer(HEADER_LENGTH + asc.length).writeByte(AAC_FLAGS).writeByte(AAC_SEQUENCE_HEADER).writeBytes(asc);
    }

    public static ByteBuf rawFrame(ByteBufAllocator alloc, byte[] aac) {
        return alloc.buffer(HEADER_LENGTH + aac.length).writeByte(AAC_FLAGS).writeByte(AAC_RAW).writeBytes(aac);
    }
}
