package org.camelvideo.jpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelvideo.ffmpeg.CodecSession;
import org.camelvideo.ffmpeg.Ffmpeg;
import org.camelvideo.ffmpeg.FrameScaler;
import org.camelvideo.media.VideoFrame;

/**
 * Baseline JPEG of one picture size with FFmpeg's mjpeg encoder: full-range 4:2:0, as browsers
 * and every JPEG decoder expect.
 * Not thread-safe: {@link JpegEncoders} hands each out to one caller at a time.
 */
final class JpegEncoder implements AutoCloseable {

    private final int width;
    private final int height;
    private final CodecSession session;
    private final AVFrame frame;
    private final AVPacket packet;
    private final FrameScaler scaler = new FrameScaler();
    /** Encoders refuse timestamps that go backwards; frames of different sources share a pooled encoder. */
    private long pts;

    JpegEncoder(int width, int height) {
        this.width = width;
        this.height = height;
        session = CodecSession.open(avcodec_find_encoder(AV_CODEC_ID_MJPEG), "Opening the JPEG encoder at " + width + "x"
                                                                             + height, c -> {
            c.width(width);
            c.height(height);
            c.pix_fmt(AV_PIX_FMT_YUVJ420P);
            c.color_range(AVCOL_RANGE_JPEG);
            c.time_base(av_make_q(1, 30));
            c.flags(c.flags() | AV_CODEC_FLAG_QSCALE);
        }, null);
        frame = session.frame();
        frame.format(AV_PIX_FMT_YUVJ420P);
        frame.width(width);
        frame.height(height);
        frame.color_range(AVCOL_RANGE_JPEG);
        Ffmpeg.check(av_frame_get_buffer(frame, 32), "Allocating a JPEG frame");
        packet = session.packet();
    }

    boolean fits(VideoFrame f) {
        return f.width() == width && f.height() == height;
    }

    byte[] encode(VideoFrame input, int quality) {
        Ffmpeg.check(av_frame_make_writable(frame), "Making the JPEG frame writable");
        scaler.fill(frame, input);
        frame.quality(JpegEncoders.qscale(quality) * FF_QP2LAMBDA);
        frame.pts(pts++);
        Ffmpeg.check(avcodec_send_frame(session.context(), frame), "The JPEG encoder rejected a frame");
        Ffmpeg.check(avcodec_receive_packet(session.context(), packet), "JPEG encoding failed");
        try {
            byte[] jpeg = new byte[packet.size()];
            packet.data().get(jpeg, 0, jpeg.length);
            return jpeg;
        } finally {
            av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        session.close();
        scaler.close();
    }
}
