package org.camelvideo.h264.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelvideo.ffmpeg.CodecSession;
import org.camelvideo.ffmpeg.Ffmpeg;
import org.camelvideo.ffmpeg.FrameScaler;
import org.camelvideo.media.Codec;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;

/**
 * Decodes Annex-B H.264 or H.265 access units, or JPEG pictures (an MJPEG camera's, to encode
 * them again as H.264), to {@link VideoFrame}s with FFmpeg's decoders (all in the LGPL build), set
 * for low delay: a picture comes out of the packet that completes it. Not thread-safe.
 */
public final class VideoDecoder implements AutoCloseable {

    private final Codec codec;
    private final PixelFormat outputFormat;
    private CodecSession session;
    private FrameScaler scaler;
    private long sequence;

    /** @param codec H264, H265 or JPEG */
    public VideoDecoder(Codec codec, PixelFormat outputFormat) {
        if (codec != Codec.H264 && codec != Codec.H265 && codec != Codec.JPEG) {
            throw new IllegalArgumentException("No video decoder for " + codec + ": H264, H265 and JPEG are decoded");
        }
        this.codec = codec;
        this.outputFormat = outputFormat;
    }

    /** The codec this decoder reads. */
    public Codec codec() {
        return codec;
    }

    public List<VideoFrame> decode(byte[] accessUnit, long ptsMicros) {
        if (session == null) {
            int id = codec == Codec.H265 ? AV_CODEC_ID_HEVC : codec == Codec.JPEG ? AV_CODEC_ID_MJPEG : AV_CODEC_ID_H264;
            session = CodecSession.open(avcodec_find_decoder(id),
                                        "Opening the " + codec + " decoder", c -> {
                c.flags(c.flags() | AV_CODEC_FLAG_LOW_DELAY);
                c.pkt_timebase(av_make_q(1, 1_000_000));
                c.thread_count(1);
            }, null);
            scaler = new FrameScaler();
        }
        AVCodecContext context = session.context();
        AVPacket packet = session.packet();
        AVFrame frame = session.frame();
        Ffmpeg.check(av_new_packet(packet, accessUnit.length), "Allocating a packet");
        List<VideoFrame> out = new ArrayList<>(1);
        try {
            packet.data().put(accessUnit, 0, accessUnit.length);
            packet.pts(ptsMicros);
            packet.dts(ptsMicros);
            int ret = avcodec_send_packet(context, packet);
            if (ret < 0 && ret != Ffmpeg.EAGAIN) {
                throw new IllegalArgumentException("The " + codec + " decoder rejected a " + accessUnit.length
                                                   + "-byte access unit: " + Ffmpeg.error(ret));
            }
        } finally {
            av_packet_unref(packet);
        }
        while (avcodec_receive_frame(context, frame) >= 0) {
            out.add(scaler.toVideoFrame(frame, frame.width(), frame.height(), outputFormat, frame.best_effort_timestamp(),
                                        sequence++));
        }
        return out;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (scaler != null) {
            scaler.close();
            scaler = null;
        }
    }
}
