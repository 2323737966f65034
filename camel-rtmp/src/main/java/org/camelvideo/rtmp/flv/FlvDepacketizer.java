package org.camelvideo.rtmp.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h264.AvcDecoderConfigurationRecord;
import org.camelvideo.media.h265.HevcDecoderConfigurationRecord;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.RtmpMessage;

/**
 * Turns the audio and video messages of one RTMP stream into {@link MediaPacket}s: H.264, and
 * H.265 in Enhanced RTMP tags, as Annex-B with the parameter sets put in front of every
 * keyframe that lacks them (so that a file or a decoder can start there), AAC as raw frames,
 * each with the configuration of the last sequence header. One instance per stream; not
 * thread safe.
 */
public final class FlvDepacketizer {

    private CodecConfig video;
    private int nalLengthSize = 4;
    private CodecConfig audio;
    private long skipped;

    /**
     * The packet a message carries, or null for sequence headers, codecs other than H.264, H.265
     * and AAC, and frames before their sequence header (counted by {@link #skipped()}).
     *
     * @throws RtmpProtocolException when the tag is malformed
     */
    public MediaPacket depacketize(RtmpMessage message) {
        ByteBuf in = message.content();
        long dtsMicros = message.timestamp() * 1000;
        if (message.typeId() == MessageType.VIDEO) {
            return video(in, dtsMicros);
        }
        if (message.typeId() == MessageType.AUDIO) {
            return audio(in, dtsMicros);
        }
        return null;
    }

    /** Frames dropped because their codec is not H.264, H.265 or AAC, or their sequence header never came. */
    public long skipped() {
        return skipped;
    }

    public CodecConfig videoConfig() {
        return video;
    }

    public CodecConfig audioConfig() {
        return audio;
    }

    private MediaPacket video(ByteBuf in, long dtsMicros) {
        if (in.readableBytes() < FlvVideo.HEADER_LENGTH) {
            return skip(in.readableBytes() == 0, "Video tag of " + in.readableBytes() + " bytes");
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if ((first & FlvVideo.EX_HEADER) != 0) {
            return extendedVideo(in, first, dtsMicros);
        }
        if ((first & 0x0F) != FlvVideo.CODEC_AVC) {
            skipped++;
            return null;
        }
        int packetType = in.getUnsignedByte(in.readerIndex() + 1);
        int compositionTime = in.getMedium(in.readerIndex() + 2);
        byte[] body = ByteBufUtil.getBytes(in, in.readerIndex() + FlvVideo.HEADER_LENGTH,
                                           in.readableBytes() - FlvVideo.HEADER_LENGTH, false);
        try {
            if (packetType == FlvVideo.AVC_SEQUENCE_HEADER) {
                AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(body, 0, body.length);
                configure(record.toCodecConfig(), record.lengthSize());
                return null;
            }
            if (packetType != FlvVideo.AVC_NALU) {
                return null;
            }
            return frame(Codec.H264, body, (first >>> 4) == FlvVideo.FRAME_KEY, dtsMicros, compositionTime);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RtmpProtocolException("Malformed H.264 video tag: " + e.getMessage());
        }
    }

    /** An Enhanced RTMP tag: H.265 is taken, other FourCCs are skipped. */
    private MediaPacket extendedVideo(ByteBuf in, int first, long dtsMicros) {
        int packetType = first & 0x0F;
        if (in.getInt(in.readerIndex() + 1) != FlvVideo.FOURCC_HEVC) {
            skipped++;
            return null;
        }
        int header = packetType == FlvVideo.EX_CODED_FRAMES ? FlvVideo.MAX_HEADER_LENGTH : FlvVideo.HEADER_LENGTH;
        if (in.readableBytes() < header) {
            throw new RtmpProtocolException("Enhanced RTMP video tag of " + in.readableBytes() + " bytes is too short");
        }
        int compositionTime = packetType == FlvVideo.EX_CODED_FRAMES ? in.getMedium(in.readerIndex() + FlvVideo.HEADER_LENGTH) : 0;
        byte[] body = ByteBufUtil.getBytes(in, in.readerIndex() + header, in.readableBytes() - header, false);
        try {
            if (packetType == FlvVideo.EX_SEQUENCE_START) {
                HevcDecoderConfigurationRecord record = HevcDecoderConfigurationRecord.parse(body, 0, body.length);
                configure(record.toCodecConfig(), record.lengthSize());
                return null;
            }
            if (packetType != FlvVideo.EX_CODED_FRAMES && packetType != FlvVideo.EX_CODED_FRAMES_X) {
                return null;
            }
            return frame(Codec.H265, body, ((first >>> 4) & 0x07) == FlvVideo.FRAME_KEY, dtsMicros, compositionTime);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RtmpProtocolException("Malformed H.265 video tag: " + e.getMessage());
        }
    }

    private void configure(CodecConfig config, int lengthSize) {
        video = config;
        nalLengthSize = lengthSize;
    }

    /** A coded frame, or null (counted) before the sequence header of its codec. */
    private MediaPacket frame(Codec codec, byte[] body, boolean keyframe, long dtsMicros, int compositionTime) {
        if (video == null || video.codec() != codec) {
            skipped++;
            return null;
        }
        byte[] annexB = AnnexB.fromAvcc(body, 0, body.length, nalLengthSize);
        if (keyframe && VideoAccessUnits.parameterSets(codec, annexB) == null) {
            annexB = VideoAccessUnits.withParameterSets(video, annexB);
        }
        return new MediaPacket(codec, annexB, dtsMicros + compositionTime * 1000L, dtsMicros, keyframe, video);
    }

    private MediaPacket audio(ByteBuf in, long dtsMicros) {
        if (in.readableBytes() < FlvAudio.HEADER_LENGTH) {
            return skip(in.readableBytes() == 0, "Audio tag of " + in.readableBytes() + " bytes");
        }
        if ((in.getUnsignedByte(in.readerIndex()) >>> 4) != FlvAudio.FORMAT_AAC) {
            skipped++;
            return null;
        }
        int packetType = in.getUnsignedByte(in.readerIndex() + 1);
        byte[] body = ByteBufUtil.getBytes(in, in.readerIndex() + FlvAudio.HEADER_LENGTH,
                                           in.readableBytes() - FlvAudio.HEADER_LENGTH, false);
        if (packetType == FlvAudio.AAC_SEQUENCE_HEADER) {
            try {
                audio = CodecConfig.aac(body);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new RtmpProtocolException("Malformed AAC sequence header: " + e.getMessage());
            }
            return null;
        }
        if (audio == null) {
            skipped++;
            return null;
        }
        return new MediaPacket(Codec.AAC, body, dtsMicros, dtsMicros, true, audio);
    }

    /** Empty tags are legal keep-alives some servers send; anything else this short is broken. */
    private static MediaPacket skip(boolean empty, String problem) {
        if (empty) {
            return null;
        }
        throw new RtmpProtocolException(problem + " is too short");
    }
}
