package org.camelvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * An open FFmpeg encoder or decoder with the one frame and one packet it is fed from and drained
 * into, freed together. Every codec in this module works this way, so this is where the native
 * lifetimes live.
 */
public final class CodecSession implements AutoCloseable {

    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;

    private CodecSession(AVCodecContext context) {
        this.context = context;
        this.frame = av_frame_alloc();
        this.packet = av_packet_alloc();
    }

    /**
     * Opens {@code codec} after {@code setup} has set its parameters.
     *
     * @param what    names the codec in the error when it does not open
     * @param options codec options, or null; the ones it did not take stay in the dictionary
     */
    public static CodecSession open(AVCodec codec, String what, Consumer<AVCodecContext> setup, AVDictionary options) {
        Ffmpeg.loadCore();
        CodecSession session = new CodecSession(avcodec_alloc_context3(codec));
        try {
            setup.accept(session.context);
            Ffmpeg.check(avcodec_open2(session.context, codec, options), what);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    public AVCodecContext context() {
        return context;
    }

    public AVFrame frame() {
        return frame;
    }

    public AVPacket packet() {
        return packet;
    }

    @Override
    public void close() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
    }
}
