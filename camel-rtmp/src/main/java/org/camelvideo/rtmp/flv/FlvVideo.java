package org.camelvideo.rtmp.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Predicate;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h264.AvcDecoderConfigurationRecord;
import org.camelvideo.media.h264.H264NalType;
import org.camelvideo.media.h265.H265NalType;
import org.camelvideo.media.h265.HevcDecoderConfigurationRecord;

/**
 * The body of an FLV video tag carrying H.264 (FLV specification 10.1, E.4.3): one byte of
 * frame type and codec id, the AVC packet type, a signed 24-bit composition time, then either
 * the AVCDecoderConfigurationRecord or four-byte-length-prefixed NAL units.
 * <p>
 * H.265 goes in Enhanced RTMP's extended header (veovera enhanced-rtmp v1): the first byte has
 * its top bit set, the frame type, and a packet type (sequence start, coded frames with a
 * composition time, or coded frames without one), then the FourCC {@code hvc1}, then the
 * HEVCDecoderConfigurationRecord or the length-prefixed NAL units.
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
    /** The most bytes before any payload: the extended header with a composition time. */
    public static final int MAX_HEADER_LENGTH = 8;
    public static final int EX_HEADER = 0x80;
    public static final int EX_SEQUENCE_START = 0;
    public static final int EX_CODED_FRAMES = 1;
    public static final int EX_CODED_FRAMES_X = 3;
    /** {@code hvc1}, also the {@code videocodecid} that announces H.265 in onMetaData. */
    public static final int FOURCC_HEVC = 0x68766331;

    private FlvVideo() {
    }

    /** The sequence header of H.264 or H.265 parameter sets. */
    public static ByteBuf sequenceHeader(ByteBufAllocator alloc, CodecConfig config) {
        if (config.codec() == Codec.H265) {
            byte[] record = HevcDecoderConfigurationRecord.of(config).encode();
            ByteBuf out = alloc.buffer(HEADER_LENGTH + record.length);
            out.writeByte(EX_HEADER | FRAME_KEY << 4 | EX_SEQUENCE_START).writeInt(FOURCC_HEVC);
            return out.writeBytes(record);
        }
        byte[] record = AvcDecoderConfigurationRecord.of(config).encode();
        ByteBuf out = alloc.buffer(HEADER_LENGTH + record.length);
        writeHeader(out, true, AVC_SEQUENCE_HEADER, 0);
        return out.writeBytes(record);
    }

    /**
     * An H.264 access unit as AVCC NAL units. Access unit delimiters are left out: FLV frames its
     * pictures itself.
     */
    public static ByteBuf nalUnits(ByteBufAllocator alloc, byte[] annexB, boolean keyframe, int compositionTimeMs) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + annexB.length + 16);
        writeHeader(out, keyframe, AVC_NALU, compositionTimeMs);
        writeNalUnits(out, annexB, nal -> H264NalType.of(nal) == H264NalType.ACCESS_UNIT_DELIMITER);
        return out;
    }

    /** An H.265 access unit as length-prefixed NAL units, without its delimiters. */
    public static ByteBuf hevcNalUnits(ByteBufAllocator alloc, byte[] annexB, boolean keyframe, int compositionTimeMs) {
        ByteBuf out = alloc.buffer(MAX_HEADER_LENGTH + annexB.length + 16);
        out.writeByte(EX_HEADER | (keyframe ? FRAME_KEY : FRAME_INTER) << 4
                      | (compositionTimeMs != 0 ? EX_CODED_FRAMES : EX_CODED_FRAMES_X));
        out.writeInt(FOURCC_HEVC);
        if (compositionTimeMs != 0) {
            out.writeMedium(compositionTimeMs);
        }
        writeNalUnits(out, annexB, nal -> H265NalType.of(nal) == H265NalType.ACCESS_UNIT_DELIMITER);
        return out;
    }

    private static void writeNalUnits(ByteBuf out, byte[] annexB, Predicate<Byte> leftOut) {
        AnnexB.forEachNalUnit(annexB, (buf, off, len) -> {
            if (!leftOut.test(buf[off])) {
                out.writeInt(len);
                out.writeBytes(buf, off, len);
            }
        });
    }

    private static void writeHeader(ByteBuf out, boolean keyframe, int packetType, int compositionTimeMs) {
        out.writeByte((keyframe ? FRAME_KEY : FRAME_INTER) << 4 | CODEC_AVC);
        out.writeByte(packetType);
        out.writeMedium(compositionTimeMs);
    }
}
