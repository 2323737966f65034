package org.camelvideo.h264.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_MAIN;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_init;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWFramesContext;
import org.camelvideo.ffmpeg.CodecSession;
import org.camelvideo.ffmpeg.Ffmpeg;
import org.camelvideo.ffmpeg.FfmpegException;
import org.camelvideo.ffmpeg.FrameScaler;
import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoAccessUnits;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.media.h264.H264AccessUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes pictures ({@link VideoFrame}s copied into AVFrames) to H.264 access units, Annex-B,
 * one packet per picture. SPS and PPS travel in-band before every keyframe, so any reader can
 * start at any keyframe. A change of picture size re-opens the encoder, which then starts with a
 * keyframe and new parameter sets. Not thread-safe: callers serialise.
 */
public final class H264Encoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H264Encoder.class);
    /** Software encoders in order of preference for {@code auto}; libx264 is only in the GPL build. */
    private static final String[] AUTO = { "libx264", "libopenh264" };
    /** libopenh264 refuses frames over level 5.2's 36864 macroblocks; FFmpeg then says only "Unknown error". */
    private static final long OPENH264_MAX_PIXELS = 36864L * 256;
    /** Nor does it take a side shorter than a macroblock. */
    private static final int OPENH264_MIN_SIDE = 16;

    private final EncoderSettings settings;
    private CodecSession session;
    private FrameScaler scaler;
    /** VAAPI only: the device, its surface pool, and the surface each frame is uploaded to. */
    private AVBufferRef hwDevice;
    private AVBufferRef hwFrames;
    private AVFrame hwFrame;
    private String encoderName;
    private CodecConfig config;
    private long lastPts = Long.MIN_VALUE;
    private volatile boolean keyframeRequested;

    public H264Encoder(EncoderSettings settings) {
        this.settings = settings;
    }

    /** The next frame is encoded as a keyframe (IDR). Safe from any thread. */
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /** The encoder in use, e.g. libx264; null before the first frame. */
    public String encoderName() {
        return encoderName;
    }

    /**
     * Packets the picture completes: one with a zero-delay encoder, none while a delaying one fills
     * up. {@code picture} is a frame in any size and pixel format ({@link org.camelvideo.ffmpeg.StagedFrames});
     * in the encoder's own format it is encoded as it is, without a copy, and the encoder holds a
     * reference to its buffers until it is done with them.
     */
    public List<MediaPacket> encode(AVFrame picture, long ptsMicros, boolean forceKeyframe) {
        if (session == null || session.context().width() != picture.width() || session.context().height() != picture.height()) {
            if (session != null) {
                LOG.info("Picture size changed from {}x{} to {}x{}: re-opening the encoder", session.context().width(),
                         session.context().height(), picture.width(), picture.height());
            }
            open(picture.width(), picture.height());
        }
        AVFrame toEncode = picture;
        if (hwFrames != null || picture.format() != session.frame().format()) {
            AVFrame frame = session.frame();
            Ffmpeg.check(av_frame_make_writable(frame), "Making the encoder's frame writable");
            scaler.convert(picture, frame);
            toEncode = hwFrames == null ? frame : upload();
        }
        long pts = ptsMicros > lastPts ? ptsMicros : lastPts + 1;
        lastPts = pts;
        toEncode.pts(pts);
        boolean key = forceKeyframe || keyframeRequested;
        keyframeRequested = false;
        toEncode.pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        Ffmpeg.check(avcodec_send_frame(session.context(), toEncode), encoderName + " rejected a frame");
        List<MediaPacket> out = new ArrayList<>(1);
        int ret;
        while ((ret = avcodec_receive_packet(session.context(), session.packet())) >= 0) {
            try {
                out.add(toPacket(session.packet()));
            } finally {
                av_packet_unref(session.packet());
            }
        }
        if (ret != Ffmpeg.EAGAIN) {
            Ffmpeg.check(ret, encoderName + " failed");
        }
        return out;
    }

    private AVFrame upload() {
        av_frame_unref(hwFrame);
        Ffmpeg.check(av_hwframe_get_buffer(hwFrames, hwFrame, 0), "Getting a VAAPI surface");
        Ffmpeg.check(av_hwframe_transfer_data(hwFrame, session.frame(), 0), "Uploading a frame to VAAPI");
        return hwFrame;
    }

    private MediaPacket toPacket(AVPacket packet) {
        byte[] data = new byte[packet.size()];
        packet.data().get(data, 0, data.length);
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (key) {
            CodecConfig inBand = H264AccessUnit.parameterSets(data);
            if (inBand != null) {
                config = inBand;
            } else if (config != null) {
                // Some encoders send SPS/PPS only once; readers that join later need them on every keyframe.
                data = VideoAccessUnits.withParameterSets(config, data);
            }
        }
        return new MediaPacket(Codec.H264, data, packet.pts(), packet.dts(), key, config);
    }

    private void open(int width, int height) {
        Ffmpeg.loadCore();
        close();
        String[] candidates = "auto".equals(settings.encoder()) ? AUTO : new String[] { settings.encoder() };
        RuntimeException failure = null;
        for (String name : candidates) {
            AVCodec codec = avcodec_find_encoder_by_name(name);
            if (codec == null) {
                continue;
            }
            if ("libopenh264".equals(name) && (width < OPENH264_MIN_SIDE || height < OPENH264_MIN_SIDE)) {
                failure = new IllegalArgumentException("libopenh264 encodes frames of at least " + OPENH264_MIN_SIDE + "x"
                                                       + OPENH264_MIN_SIDE + " pixels, and " + width + "x" + height
                                                       + " is smaller: scale the frames up");
                continue;
            }
            if ("libopenh264".equals(name) && (long) width * height > OPENH264_MAX_PIXELS) {
                failure = new IllegalArgumentException(
                        "libopenh264 encodes at most " + OPENH264_MAX_PIXELS + " pixels a frame (4096x2304), and " + width + "x"
                                                       + height + " is more: scale the frames down, or encode with libx264"
                                                       + " (the -Pgpl build)");
                continue;
            }
            try {
                openWith(codec, name, width, height);
                int threads = session.context().thread_count();
                int slices = session.context().slices();
                String size = width + "x" + height + ((width | height) % 2 == 0 ? ""
                        : " (the stream is " + (width & ~1) + "x" + (height & ~1) + ": 4:2:0 H.264 has even sizes)");
                LOG.info("Encoding H.264 {} with {} (threads: {}{}) at {} bit/s, keyframe every {} frames", size, name,
                         threads == 0 ? "automatic" : threads, slices > 0 ? ", slices: " + slices : "", settings.bitrate(),
                         settings.gop());
                return;
            } catch (FfmpegException e) {
                failure = e;
                close();
            }
        }
        if (failure != null) {
            throw failure;
        }
        throw notInBuild(settings.encoder());
    }

    /** Fails for an encoder named explicitly that this FFmpeg build lacks: at the route's start, not at each frame. */
    public static void requireInBuild(String encoder) {
        if ("auto".equals(encoder)) {
            return;
        }
        Ffmpeg.loadCore();
        if (avcodec_find_encoder_by_name(encoder) == null) {
            throw notInBuild(encoder);
        }
    }

    private static IllegalArgumentException notInBuild(String encoder) {
        if (encoder.startsWith("h264_")) {
            return new IllegalArgumentException("Encoder " + encoder + " is not in this FFmpeg build for "
                                                + org.bytedeco.javacpp.Loader.getPlatform() + ": hardware encoders come"
                                                + " with the platform that has the hardware (h264_v4l2m2m with linux-arm64);"
                                                + " encoder=auto picks a software one");
        }
        return new IllegalArgumentException("Encoder " + encoder + " is not in this FFmpeg build. The default"
                                            + " (LGPL) build has libopenh264; build with -Pgpl for libx264, or choose"
                                            + " encoder=auto");
    }

    private void openWith(AVCodec codec, String name, int width, int height) {
        encoderName = name;
        boolean vaapi = "h264_vaapi".equals(name);
        if (vaapi) {
            openVaapi(width, height);
        }
        AVDictionary options = new AVDictionary(null);
        try {
            setOptions(options, name);
            session = CodecSession.open(codec, "Opening the " + name + " encoder at " + width + "x" + height,
                                        c -> configure(c, width, height, vaapi), options);
        } finally {
            av_dict_free(options);
        }
        AVFrame frame = session.frame();
        frame.format(vaapi ? AV_PIX_FMT_NV12 : AV_PIX_FMT_YUV420P);
        frame.width(width);
        frame.height(height);
        Ffmpeg.check(av_frame_get_buffer(frame, 32), "Allocating a " + width + "x" + height + " frame");
        scaler = new FrameScaler();
    }

    private void configure(AVCodecContext context, int width, int height, boolean vaapi) {
        context.width(width);
        context.height(height);
        if (vaapi) {
            context.pix_fmt(AV_PIX_FMT_VAAPI);
            context.hw_frames_ctx(av_buffer_ref(hwFrames));
        } else {
            context.pix_fmt(AV_PIX_FMT_YUV420P);
        }
        context.time_base(av_make_q(1, 1_000_000));
        context.framerate(av_make_q(settings.fps(), 1));
        context.gop_size(settings.gop());
        context.keyint_min(settings.gop());
        context.max_b_frames(0);
        context.bit_rate(settings.bitrate());
        context.rc_max_rate(settings.bitrate());
        context.rc_buffer_size(settings.bitrate());
        int cores = Runtime.getRuntime().availableProcessors();
        context.thread_count(threadCount(encoderName, width, height, settings.threads(), cores));
        context.slices(sliceCount(encoderName, settings.threads(), cores));
        if (settings.profile() != null) {
            context.profile(profileId(settings.profile()));
        }
    }

    /**
     * The encoder's thread count; {@code configured} 0 means automatic. For libx264 below 1280x720
     * automatic leaves one core to the rest of the route: there x264's slices (zerolatency encodes
     * a frame in parallel slices) gain nothing even in the ffmpeg program, while in a route they
     * take the core the capture thread draws on (benchmarks/results/encode.md). From 1280x720 up,
     * and for other encoders, FFmpeg chooses (0).
     */
    static int threadCount(String encoder, int width, int height, int configured, int cores) {
        if (configured > 0 || !"libx264".equals(encoder) || (long) width * height >= 1280L * 720) {
            return configured;
        }
        return Math.max(1, cores - 1);
    }

    /**
     * The slices per frame; 0 leaves it to the encoder. libopenh264 encodes slices in parallel,
     * one thread each, but through FFmpeg it makes one slice per frame unless told, so it ran on
     * one core whatever the thread count. With two threads or more (configured, or the cores when
     * automatic) it gets as many slices, and at least 4: on two cores the ffmpeg program encodes
     * 1080p at 105 fps with one slice, 123 with 2 and 137 with 4, 720p 1.24x faster with 4
     * (benchmarks/results/encode.md). Public so that a comparison can give another encoder the same.
     */
    public static int sliceCount(String encoder, int configuredThreads, int cores) {
        int threads = configuredThreads > 0 ? configuredThreads : cores;
        if (!"libopenh264".equals(encoder) || threads < 2) {
            return 0;
        }
        return Math.max(4, threads);
    }

    private void setOptions(AVDictionary options, String name) {
        switch (name) {
            case "libx264":
                set(options, "preset", settings.preset());
                set(options, "tune", settings.tune());
                set(options, "profile", settings.profile());
                set(options, "forced-idr", "1");
                set(options, "sc_threshold", "0");
                break;
            case "libopenh264":
                set(options, "rc_mode", "bitrate");
                break;
            case "h264_nvenc":
                set(options, "preset", "p1");
                set(options, "tune", "ull");
                set(options, "zerolatency", "1");
                set(options, "forced-idr", "1");
                break;
            default:
                break;
        }
    }

    /** VAAPI encodes from GPU surfaces: frames are converted to NV12 and uploaded to a surface pool. */
    private void openVaapi(int width, int height) {
        hwDevice = new AVBufferRef(null);
        int ret = av_hwdevice_ctx_create(hwDevice, AV_HWDEVICE_TYPE_VAAPI, settings.vaapiDevice(), null, 0);
        if (ret < 0) {
            hwDevice = null;
            throw new FfmpegException("h264_vaapi: no usable VAAPI device at " + settings.vaapiDevice() + ": " + Ffmpeg.error(ret),
                                      ret);
        }
        hwFrames = av_hwframe_ctx_alloc(hwDevice);
        AVHWFramesContext pool = new AVHWFramesContext(hwFrames.data());
        pool.format(AV_PIX_FMT_VAAPI);
        pool.sw_format(AV_PIX_FMT_NV12);
        pool.width(width);
        pool.height(height);
        pool.initial_pool_size(8);
        Ffmpeg.check(av_hwframe_ctx_init(hwFrames), "Creating VAAPI surfaces");
        hwFrame = av_frame_alloc();
    }

    private static void set(AVDictionary options, String key, String value) {
        if (value != null && !value.isEmpty()) {
            av_dict_set(options, key, value, 0);
        }
    }

    static int profileId(String profile) {
        switch (profile) {
            case "baseline":
                return AV_PROFILE_H264_CONSTRAINED_BASELINE;
            case "main":
                return AV_PROFILE_H264_MAIN;
            case "high":
                return AV_PROFILE_H264_HIGH;
            default:
                throw new IllegalArgumentException("Unknown H.264 profile '" + profile + "': use baseline, main or high");
        }
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
        if (hwFrame != null) {
            av_frame_free(hwFrame);
            hwFrame = null;
        }
        if (hwFrames != null) {
            av_buffer_unref(hwFrames);
            hwFrames = null;
        }
        if (hwDevice != null) {
            av_buffer_unref(hwDevice);
            hwDevice = null;
        }
    }
}
