package org.camelvideo.rtmp.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.h264.AnnexB;
import org.camelvideo.media.h264.AvcDecoderConfigurationRecord;
import org.camelvideo.media.h264.H264NalType;

/**
 * The body of an FLV video tag carrying H.264 (FLV specification 10.1, E.4.3): one byte of
 * frame type and codec id, the AVC packet type, a signed 24-bit composition time, then either
 * the AVCDecoderConfigurationRecord or four-byte-length-prefixed NAL units.
 */
public final class FlvVideo {

    public static final int CODEC_AVC = 7;
    public static final int FRAME_KEY = 1;
    public static final int FRAME_INTER = 2;
    public static final int AVC_SEQUENCE_HEADER = 0;
    public static final int AVC_NALU = 1;
    public static final int AVC_END_OF_SEQUENCE = 2;
    /** Bytes before the AVC payload. */
    public static final int HEADER_LENGTH = 5;

    private FlvVideo() {
    }

    public static ByteBuf sequenceHeader(ByteBufAllocator alloc, CodecConfig config) {
        byte[] record = AvcDecoderConfigurationRecord.of(config).encode();
        ByteBuf out = alloc.buffer(HEADER_LENGTH + record.length);
        writeHeader(out, true, AVC_SEQUENCE_HEADER, 0);
        return out.writeBytes(record);
    }

    /**
     * An access unit as AVCC NAL units. Access unit delimiters are left out: FLV frames its
     * pictures itself.
     */
    public static ByteBuf nalUnits(ByteBufAllocator alloc, byte[] annexB, boolean keyframe, int compositionTimeMs) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + annexB.length + 16);
        writeHeader(out, keyframe, AVC_NALU, compositionTimeMs);
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> {
            if (H264NalType.of(buf[off]) != H264NalType.ACCESS_UNIT_DELIMITER) {
                out.writeInt(len);
                out.writeBytes(buf, off, len);
            }
        });
        return out;
    }

    private static void writeHeader(ByteBuf out, boolean keyframe, int packetType, int compositionTimeMs) {
        out.writeByte((keyframe ? FRAME_KEY : FRAME_INTER) << 4 | CODEC_AVC);
        out.writeByte(packetType);
        out.writeMedium(compositionTimeMs);
    }
}
