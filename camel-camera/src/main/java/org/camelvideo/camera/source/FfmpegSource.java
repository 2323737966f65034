package org.camelvideo.camera.source;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelvideo.ffmpeg.AudioResampler;
import org.camelvideo.ffmpeg.CodecSession;
import org.camelvideo.ffmpeg.Ffmpeg;
import org.camelvideo.ffmpeg.FrameScaler;
import org.camelvideo.media.VideoFrame;

/**
 * Anything FFmpeg can demux and decode: a media file (looped and paced to real time if asked),
 * a V4L2 camera, an audio device, or a network URL. Video is scaled and converted to the
 * requested size and layout; audio becomes interleaved 16-bit PCM.
 */
public final class FfmpegSource implements FrameSource {

    private static final AVRational MICROS = av_make_q(1, 1_000_000);
    private static final Map<Long, FfmpegSource> OPEN = new ConcurrentHashMap<>();
    /**
     * One callback for every source: JavaCPP has room for ten native thunks of a callback class,
     * and an eleventh source of its own would be handed none, so FFmpeg would never ask it
     * whether to give up (no timeout, no stop). The opaque pointer says which source asks.
     */
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            FfmpegSource source = OPEN.get(opaque.address());
            return source != null && source.givingUp() ? 1 : 0;
        }
    };

    private final String url;
    private final String inputFormat;
    private final SourceSettings settings;
    private final boolean wantVideo;
    private final boolean wantAudio;
    private final boolean paced;
    private final Pacer pacer = new Pacer();
    private final Deque<Object> pending = new ArrayDeque<>();
    private volatile boolean interrupted;
    /**
     * When the blocking call under way gives up: FFmpeg opens network inputs without a timeout, so
     * a camera that froze with its connection open would hold the capture thread forever.
     */
    private final boolean network;
    private volatile long deadlineNanos;
    private volatile boolean timedOut;
    /** Its address names this source to {@link #INTERRUPT}, which FFmpeg passes it to. */
    private final LongPointer opaque = new LongPointer(1);

    private AVFormatContext format;
    private CodecSession videoDecoder;
    private CodecSession audioDecoder;
    private int videoIndex = -1;
    private int audioIndex = -1;
    /** What the demuxer reads into; each decoder decodes into its session's own frame. */
    private AVPacket packet;
    private FrameScaler scaler;
    private AudioResampler resampler;
    private boolean ended;
    private long basePts = Long.MIN_VALUE;
    private long loopOffset;
    private long lastPts;
    private long frameDuration;
    private long sequence;
    /** Whether frames are stamped with when their packet was read, the source's own times being made up. */
    private boolean arrivalTimed;
    private long readMicros;
    private long arrivalOrigin = Long.MIN_VALUE;
    private long lastFrameNanos;

    /**
     * @param url         file path, device path or URL
     * @param inputFormat FFmpeg demuxer to force (e.g. {@code v4l2}, {@code alsa}), or null
     * @param wantVideo   deliver video frames
     * @param wantAudio   deliver audio frames
     */
    public FfmpegSource(String url, String inputFormat, SourceSettings settings, boolean wantVideo, boolean wantAudio) {
        this.url = url;
        this.inputFormat = inputFormat;
        this.settings = settings;
        this.wantVideo = wantVideo;
        this.wantAudio = wantAudio;
        this.paced = settings.realtime() && isFile();
        this.network = !isFile() && !isDevice();
    }

    /** FFmpeg answers a host name that does not resolve with a bare "Input/output error": say which. */
    private String openFailure(int ret) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host != null) {
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                return "unknown host " + host;
            }
        }
        return Ffmpeg.error(ret);
    }

    private boolean isFile() {
        return inputFormat == null && !url.contains("://") || url.startsWith("file:");
    }

    private boolean isDevice() {
        return url.startsWith("/dev/") || inputFormat != null && Sources.DEVICE_FORMATS.contains(inputFormat);
    }

    @Override
    public void open() {
        if (isDevice()) {
            Ffmpeg.loadDevices();
        } else {
            Ffmpeg.loadCore();
        }
        if ((isFile() || url.startsWith("/dev/")) && !new File(url.startsWith("file:") ? url.substring(5) : url).exists()) {
            throw new SourceUnavailableException(describe() + ": " + (url.startsWith("/dev/") ? "no such device" : "no such file"));
        }
        AVInputFormat forced = null;
        if (inputFormat != null) {
            forced = av_find_input_format(inputFormat);
            if (forced == null) {
                throw new SourceUnavailableException(describe() + ": FFmpeg has no input format '" + inputFormat + "'");
            }
        }
        if (basePts != Long.MIN_VALUE) {
            // Opened again after a failure: its timestamps start afresh, the frames' go on by the time
            // the outage took, so that they keep in step with the clock (and a separate audio device).
            loopOffset = lastPts + Math.max(frameDuration, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - lastFrameNanos));
            basePts = Long.MIN_VALUE;
        }
        // Once FFmpeg's I/O has been told to give up, it answers every later read with the same exit.
        timedOut = false;
        format = avformat_alloc_context();
        OPEN.put(opaque.address(), this);
        format.interrupt_callback().callback(INTERRUPT).opaque(opaque);
        AVDictionary options = new AVDictionary(null);
        try {
            setOptions(options);
            armDeadline();
            int ret = avformat_open_input(format, url, forced, options);
            if (ret < 0) {
                format = null;
                throw new SourceUnavailableException(describe() + ": " + (timedOut ? "no answer within " + settings.readTimeoutMillis()
                                                                                       + " ms" : openFailure(ret)));
            }
        } finally {
            av_dict_free(options);
        }
        // MJPEG over HTTP carries no timestamps, and FFmpeg counts 25 a second whatever the camera's rate.
        arrivalTimed = "mpjpeg".equals(format.iformat().name().getString());
        armDeadline();
        int ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (ret < 0) {
            throw new SourceUnavailableException(describe() + ": cannot read its streams: "
                                                 + (timedOut ? silence() : Ffmpeg.error(ret)));
        }
        if (wantVideo) {
            videoIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (videoIndex < 0) {
                throw new SourceUnavailableException(describe() + ": has no video stream");
            }
            videoDecoder = openDecoder(videoIndex);
            AVRational rate = format.streams(videoIndex).avg_frame_rate();
            frameDuration = rate.num() > 0 ? 1_000_000L * rate.den() / rate.num() : 1_000_000L / 30;
            scaler = new FrameScaler();
        }
        if (wantAudio) {
            audioIndex = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (audioIndex < 0 && !wantVideo) {
                throw new SourceUnavailableException(describe() + ": has no audio stream");
            }
            if (audioIndex >= 0) {
                audioDecoder = openDecoder(audioIndex);
                int channels = Math.min(2, audioDecoder.context().ch_layout().nb_channels());
                resampler = new AudioResampler(audioDecoder.context().sample_rate(), channels);
            }
        }
        packet = av_packet_alloc();
    }

    private void setOptions(AVDictionary options) {
        if (url.startsWith("/dev/video")) {
            if (settings.width() > 0 && settings.height() > 0) {
                av_dict_set(options, "video_size", settings.width() + "x" + settings.height(), 0);
            }
            if (settings.fps() > 0) {
                av_dict_set(options, "framerate", Integer.toString(settings.fps()), 0);
            }
        }
        if (inputFormat != null && Sources.AUDIO_DEVICE_FORMATS.contains(inputFormat)) {
            av_dict_set(options, "sample_rate", Integer.toString(settings.audioSampleRate()), 0);
            av_dict_set(options, "channels", Integer.toString(settings.audioChannels()), 0);
        }
        if (settings.inputOptions() != null && !settings.inputOptions().isBlank()) {
            for (String pair : settings.inputOptions().split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SourceUnavailableException(
                            describe() + ": inputOptions entry '" + pair + "' is not key=value");
                }
                av_dict_set(options, pair.substring(0, eq).trim(), pair.substring(eq + 1).trim(), 0);
            }
        }
    }

    private CodecSession openDecoder(int index) {
        AVStream stream = format.streams(index);
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new SourceUnavailableException(describe() + ": no decoder for stream " + index + " in this FFmpeg build");
        }
        return CodecSession.open(codec, describe() + ": opening the " + codec.name().getString() + " decoder",
                                 c -> Ffmpeg.check(avcodec_parameters_to_context(c, stream.codecpar()),
                                                   describe() + ": decoder parameters"), null);
    }

    @Override
    public Object read() throws InterruptedException {
        while (pending.isEmpty()) {
            if (ended || interrupted) {
                return null;
            }
            armDeadline();
            int ret = av_read_frame(format, packet);
            if (arrivalTimed) {
                readMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
            }
            if (ret == AVERROR_EOF) {
                if (!isFile()) {
                    // A camera or a stream has no end: it was unplugged or dropped, so try again.
                    throw new SourceUnavailableException(describe() + ": the stream ended");
                }
                drain(videoDecoder, videoIndex);
                drain(audioDecoder, audioIndex);
                if (settings.loop()) {
                    rewind();
                } else {
                    ended = true;
                }
                continue;
            }
            if (ret < 0) {
                if (interrupted) {
                    return null;
                }
                throw new SourceUnavailableException(describe() + ": " + (timedOut ? silence() : "read failed: " + Ffmpeg.error(ret)));
            }
            try {
                if (packet.stream_index() == videoIndex) {
                    decode(videoDecoder, videoIndex, packet);
                } else if (packet.stream_index() == audioIndex) {
                    decode(audioDecoder, audioIndex, packet);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        Object next = pending.poll();
        lastFrameNanos = System.nanoTime();
        if (paced) {
            pacer.await(next instanceof VideoFrame ? ((VideoFrame) next).ptsMicros()
                    : ((org.camelvideo.media.AudioFrame) next).ptsMicros());
        }
        return next;
    }

    private void decode(CodecSession decoder, int index, AVPacket input) {
        int ret = avcodec_send_packet(decoder.context(), input);
        if (ret < 0 && ret != AVERROR_EOF && ret != Ffmpeg.EAGAIN) {
            // A damaged packet is the stream's problem, not the source's: skip it as players do.
            return;
        }
        AVFrame frame = decoder.frame();
        while ((ret = avcodec_receive_frame(decoder.context(), frame)) >= 0) {
            long pts = micros(index, frame.best_effort_timestamp());
            if (index == videoIndex) {
                int w = settings.width() > 0 ? settings.width() : frame.width();
                int h = settings.height() > 0 ? settings.height() : frame.height();
                pending.add(scaler.toVideoFrame(frame, w, h, settings.pixelFormat(), pts, sequence++));
            } else {
                pending.add(resampler.convert(frame, pts));
            }
        }
    }

    private void drain(CodecSession decoder, int index) {
        if (decoder != null) {
            decode(decoder, index, null);
            avcodec_flush_buffers(decoder.context());
        }
    }

    /** Back to the start for another loop, with timestamps going on from where the last one ended. */
    private void rewind() {
        loopOffset = lastPts + frameDuration;
        basePts = Long.MIN_VALUE;
        int ret = av_seek_frame(format, -1, 0, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            throw new SourceUnavailableException(describe() + ": cannot loop, seeking to the start failed: " + Ffmpeg.error(ret));
        }
    }

    private boolean givingUp() {
        if (interrupted) {
            return true;
        }
        if (network && System.nanoTime() - deadlineNanos > 0) {
            timedOut = true;
            return true;
        }
        return false;
    }

    /** Network inputs get {@code readTimeout} for the call about to block; files and devices have no deadline. */
    private void armDeadline() {
        if (network) {
            deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.readTimeoutMillis());
        }
    }

    private String silence() {
        return "nothing received for " + settings.readTimeoutMillis() + " ms";
    }

    private long micros(int index, long timestamp) {
        if (arrivalTimed) {
            // One clock from the first picture on, through reconnects.
            if (arrivalOrigin == Long.MIN_VALUE) {
                arrivalOrigin = readMicros;
            }
            lastPts = Math.max(lastPts + 1, readMicros - arrivalOrigin);
            return lastPts;
        }
        if (timestamp == AV_NOPTS_VALUE) {
            // Untimed frames (some raw and network inputs) follow the last one at the nominal rate.
            lastPts += frameDuration;
            return lastPts;
        }
        long raw = av_rescale_q(timestamp, format.streams(index).time_base(), MICROS);
        if (basePts == Long.MIN_VALUE) {
            basePts = raw;
        }
        long pts = raw - basePts + loopOffset;
        lastPts = Math.max(lastPts, pts);
        return pts;
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void close() {
        pending.clear();
        if (videoDecoder != null) {
            videoDecoder.close();
            videoDecoder = null;
        }
        if (audioDecoder != null) {
            audioDecoder.close();
            audioDecoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        OPEN.remove(opaque.address());
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (scaler != null) {
            scaler.close();
            scaler = null;
        }
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
    }

    @Override
    public String describe() {
        boolean audioDevice = inputFormat != null && Sources.AUDIO_DEVICE_FORMATS.contains(inputFormat);
        return (audioDevice ? "audio device " + inputFormat + ":" : "camera source ") + Sources.masked(url);
    }
}
