package org.camelvideo.probe;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.camelvideo.ffmpeg.Ffmpeg;

/**
 * What FFmpeg's own demuxers and decoders (libavformat, libavcodec, in-process) make of a file:
 * the independent check of everything this project writes.
 */
public final class MediaProbe {

    /** AV_FRAME_FLAG_KEY, a macro bytedeco does not export. */
    private static final int AV_FRAME_FLAG_KEY = 1 << 1;

    /** What was decoded. Keyframes are the indexes of decoded video frames FFmpeg flags as key. */
    public record Result(String videoCodec, int width, int height, int videoFrames, List<Integer> keyframes,
                         String audioCodec, int sampleRate, int channels, int audioFrames, int audioSamples) {
    }

    private MediaProbe() {
    }

    public static Result probe(String path, String format) {
        return probe(path, format, java.util.Map.of(), Integer.MAX_VALUE);
    }

    /**
     * Reads a file or a live URL until its end or until {@code maxVideoFrames} pictures are
     * decoded, with demuxer {@code options} such as {@code rtsp_transport=tcp}.
     */
    public static Result probe(String path, String format, java.util.Map<String, String> options, int maxVideoFrames) {
        Ffmpeg.loadCore();
        AVFormatContext fmt = new AVFormatContext(null);
        AVInputFormat in = format == null ? null : av_find_input_format(format);
        AVDictionary dict = new AVDictionary(null);
        options.forEach((k, v) -> org.bytedeco.ffmpeg.global.avutil.av_dict_set(dict, k, v, 0));
        try {
            Ffmpeg.check(avformat_open_input(fmt, path, in, dict), "Opening " + path);
        } finally {
            org.bytedeco.ffmpeg.global.avutil.av_dict_free(dict);
        }
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext video = null;
        AVCodecContext audio = null;
        try {
            Ffmpeg.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "Reading streams of " + path);
            int vIndex = -1;
            int aIndex = -1;
            for (int i = 0; i < fmt.nb_streams(); i++) {
                int type = fmt.streams(i).codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && vIndex < 0) {
                    vIndex = i;
                    video = open(fmt, i);
                } else if (type == AVMEDIA_TYPE_AUDIO && aIndex < 0) {
                    aIndex = i;
                    audio = open(fmt, i);
                }
            }
            int[] counts = new int[3];
            int[] size = new int[2];
            List<Integer> keys = new ArrayList<>();
            while (counts[0] < maxVideoFrames && av_read_frame(fmt, pkt) >= 0) {
                if (pkt.stream_index() == vIndex) {
                    drain(video, pkt, frame, counts, 0, size, keys);
                } else if (pkt.stream_index() == aIndex) {
                    drain(audio, pkt, frame, counts, 1, size, keys);
                }
                av_packet_unref(pkt);
            }
            if (video != null) {
                drain(video, null, frame, counts, 0, size, keys);
            }
            if (audio != null) {
                drain(audio, null, frame, counts, 1, size, keys);
            }
            return new Result(video == null ? null : video.codec().name().getString(), size[0], size[1], counts[0], keys,
                              audio == null ? null : audio.codec().name().getString(),
                              audio == null ? 0 : audio.sample_rate(), audio == null ? 0 : audio.ch_layout().nb_channels(),
                              counts[1], counts[2]);
        } finally {
            if (video != null) {
                avcodec_free_context(video);
            }
            if (audio != null) {
                avcodec_free_context(audio);
            }
            av_packet_free(pkt);
            av_frame_free(frame);
            avformat_close_input(fmt);
        }
    }

    private static AVCodecContext open(AVFormatContext fmt, int index) {
        AVCodec codec = avcodec_find_decoder(fmt.streams(index).codecpar().codec_id());
        AVCodecContext c = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(c, fmt.streams(index).codecpar());
        Ffmpeg.check(avcodec_open2(c, codec, (AVDictionary) null), "Opening decoder");
        return c;
    }

    private static void drain(AVCodecContext c, AVPacket pkt, AVFrame frame, int[] counts, int kind, int[] size,
                              List<Integer> keys) {
        if (avcodec_send_packet(c, pkt) < 0) {
            return;
        }
        while (avcodec_receive_frame(c, frame) >= 0) {
            if (kind == 0) {
                if ((frame.flags() & AV_FRAME_FLAG_KEY) != 0) {
                    keys.add(counts[0]);
                }
                size[0] = frame.width();
                size[1] = frame.height();
                counts[0]++;
            } else {
                counts[1]++;
                counts[2] += frame.nb_samples();
            }
        }
    }
}
