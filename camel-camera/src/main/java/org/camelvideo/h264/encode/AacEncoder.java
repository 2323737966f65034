package org.camelvideo.h264.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelvideo.ffmpeg.CodecSession;
import org.camelvideo.ffmpeg.Ffmpeg;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.SampleFormat;

/**
 * Encodes PCM {@link AudioFrame}s to AAC-LC with FFmpeg's own (LGPL) encoder: raw AAC frames of
 * 1024 samples, the AudioSpecificConfig in each packet's {@link CodecConfig}. Input of any length
 * is buffered into whole AAC frames; timestamps count samples from the first input. Not
 * thread-safe: callers serialise.
 */
public final class AacEncoder implements AutoCloseable {

    private final int bitrate;
    private CodecSession session;
    private SwrContext swr;
    private BytePointer input;
    private final PointerPointer<BytePointer> inputPlanes = new PointerPointer<>(1);
    private CodecConfig config;
    private int sampleRate;
    private int channels;
    private SampleFormat format;
    private int frameSamples;
    private byte[] pending = new byte[0];
    private int pendingBytes;
    private long firstPtsMicros = Long.MIN_VALUE;
    private long samplesIn;

    public AacEncoder(int bitrate) {
        this.bitrate = bitrate;
    }

    public List<MediaPacket> encode(AudioFrame audio) {
        if (session == null || audio.sampleRate() != sampleRate || audio.channels() != channels || audio.format() != format) {
            open(audio);
        }
        if (firstPtsMicros == Long.MIN_VALUE) {
            firstPtsMicros = audio.ptsMicros();
        }
        append(audio.data());
        int frameBytes = frameSamples * channels * format.bytesPerSample();
        List<MediaPacket> out = new ArrayList<>(2);
        AVFrame frame = session.frame();
        int consumed = 0;
        while (pendingBytes - consumed >= frameBytes) {
            input.position(0).put(pending, consumed, frameBytes);
            consumed += frameBytes;
            Ffmpeg.check(av_frame_make_writable(frame), "Making the AAC frame writable");
            inputPlanes.put(0, input);
            Ffmpeg.check(swr_convert(swr, frame.data(), frameSamples, inputPlanes, frameSamples), "Converting audio for AAC");
            frame.pts(samplesIn);
            samplesIn += frameSamples;
            Ffmpeg.check(avcodec_send_frame(session.context(), frame), "The AAC encoder rejected a frame");
            receive(out);
        }
        System.arraycopy(pending, consumed, pending, 0, pendingBytes - consumed);
        pendingBytes -= consumed;
        return out;
    }

    private void append(byte[] data) {
        if (pendingBytes + data.length > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(2 * pending.length, pendingBytes + data.length));
        }
        System.arraycopy(data, 0, pending, pendingBytes, data.length);
        pendingBytes += data.length;
    }

    private void receive(List<MediaPacket> out) {
        AVPacket packet = session.packet();
        int ret;
        while ((ret = avcodec_receive_packet(session.context(), packet)) >= 0) {
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data, 0, data.length);
                long pts = firstPtsMicros + packet.pts() * 1_000_000L / sampleRate;
                out.add(new MediaPacket(Codec.AAC, data, pts, pts, true, config));
            } finally {
                av_packet_unref(packet);
            }
        }
        if (ret != Ffmpeg.EAGAIN) {
            Ffmpeg.check(ret, "AAC encoding failed");
        }
    }

    private void open(AudioFrame audio) {
        close();
        sampleRate = audio.sampleRate();
        channels = audio.channels();
        format = audio.format();
        session = CodecSession.open(avcodec_find_encoder(AV_CODEC_ID_AAC),
                                    "Opening the AAC encoder at " + sampleRate + " Hz, " + channels + " channels",
                                    this::configure, null);
        AVCodecContext context = session.context();
        byte[] asc = new byte[context.extradata_size()];
        context.extradata().get(asc, 0, asc.length);
        config = CodecConfig.aac(asc);
        frameSamples = context.frame_size();
        swr = new SwrContext(null);
        int inFormat = format == SampleFormat.S16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_FLT;
        Ffmpeg.check(swr_alloc_set_opts2(swr, context.ch_layout(), AV_SAMPLE_FMT_FLTP, sampleRate, context.ch_layout(),
                                         inFormat, sampleRate, 0, null), "Setting up the AAC input converter");
        Ffmpeg.check(swr_init(swr), "Starting the AAC input converter");
        AVFrame frame = session.frame();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.nb_samples(frameSamples);
        frame.sample_rate(sampleRate);
        av_channel_layout_default(frame.ch_layout(), channels);
        Ffmpeg.check(av_frame_get_buffer(frame, 0), "Allocating an AAC frame");
        input = new BytePointer((long) frameSamples * channels * format.bytesPerSample());
        pendingBytes = 0;
        samplesIn = 0;
        firstPtsMicros = Long.MIN_VALUE;
    }

    private void configure(AVCodecContext context) {
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        context.sample_rate(sampleRate);
        av_channel_layout_default(context.ch_layout(), channels);
        context.bit_rate(bitrate);
        context.time_base(av_make_q(1, sampleRate));
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (input != null) {
            input.close();
            input = null;
        }
    }
}
