package org.camelvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.SampleFormat;

/**
 * Turns decoded audio of any layout into interleaved signed 16-bit {@link AudioFrame}s at a
 * fixed rate and channel count. Not thread-safe: one per decoder.
 */
public final class AudioResampler implements AutoCloseable {

    private final int outRate;
    private final int outChannels;
    private final AVChannelLayout outLayout = new AVChannelLayout();
    private SwrContext swr;
    private int inFormat = -1;
    private int inRate;
    private int inChannels;
    private BytePointer buffer;
    private final PointerPointer<BytePointer> out = new PointerPointer<>(1);

    public AudioResampler(int outRate, int outChannels) {
        this.outRate = outRate;
        this.outChannels = outChannels;
        av_channel_layout_default(outLayout, outChannels);
    }

    public AudioFrame convert(AVFrame src, long ptsMicros) {
        if (swr == null || src.format() != inFormat || src.sample_rate() != inRate
                || src.ch_layout().nb_channels() != inChannels) {
            reset(src);
        }
        int max = swr_get_out_samples(swr, src.nb_samples());
        int bytes = max * outChannels * SampleFormat.S16.bytesPerSample();
        if (buffer == null || buffer.capacity() < bytes) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(bytes);
        }
        out.put(0, buffer);
        int n = Ffmpeg.check(swr_convert(swr, out, max, src.extended_data(), src.nb_samples()), "Resampling audio");
        byte[] pcm = new byte[n * outChannels * SampleFormat.S16.bytesPerSample()];
        buffer.position(0).get(pcm, 0, pcm.length);
        return new AudioFrame(outRate, outChannels, SampleFormat.S16, pcm, ptsMicros);
    }

    private void reset(AVFrame src) {
        freeSwr();
        swr = new SwrContext(null);
        Ffmpeg.check(swr_alloc_set_opts2(swr, outLayout, AV_SAMPLE_FMT_S16, outRate, src.ch_layout(), src.format(),
                                         src.sample_rate(), 0, null), "Setting up the audio resampler");
        Ffmpeg.check(swr_init(swr), "Starting the audio resampler");
        inFormat = src.format();
        inRate = src.sample_rate();
        inChannels = src.ch_layout().nb_channels();
    }

    private void freeSwr() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    @Override
    public void close() {
        freeSwr();
        av_channel_layout_uninit(outLayout);
        outLayout.close();
        if (buffer != null) {
            buffer.close();
        }
        out.close();
    }
}
