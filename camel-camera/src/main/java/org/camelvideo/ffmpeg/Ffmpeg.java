package org.camelvideo.ffmpeg;

import java.nio.charset.StandardCharsets;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Loads bytedeco's FFmpeg natives once and turns their failures and error codes into messages
 * a user can act on.
 */
public final class Ffmpeg {

    /** AVERROR(EAGAIN): EAGAIN is 11 on every Linux architecture this project builds for. */
    public static final int EAGAIN = -11;

    private static volatile boolean coreLoaded;
    private static volatile boolean devicesLoaded;
    private static volatile boolean nativeJarsChecked;
    private static String coreFailure;
    private static String devicesFailure;

    private Ffmpeg() {
    }

    /**
     * Puts bytedeco's platform jars on the class path where a launcher left them out and can take
     * them at run time ({@link NativeJars}). The components call it as they create an endpoint,
     * before any class of bytedeco's initializes: each loads its native library as it does, and
     * one that failed stays failed.
     */
    public static void findNativeJars() {
        if (!nativeJarsChecked) {
            NativeJars.addMissing(Ffmpeg.class.getClassLoader());
            nativeJarsChecked = true;
        }
    }

    /** Codecs, formats, scaling and resampling: all that files, testsrc and encoding need. */
    public static void loadCore() {
        if (coreLoaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (coreLoaded) {
                return;
            }
            if (coreFailure != null) {
                // The JVM answers a second try with a bare "Could not initialize class": repeat the first answer.
                throw new IllegalStateException(coreFailure);
            }
            findNativeJars();
            try {
                Loader.load(avutil.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(swscale.class);
                Loader.load(swresample.class);
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            } catch (LinkageError e) {
                coreFailure = coreLoadFailure(e, NativeJars.advice(Ffmpeg.class.getClassLoader()));
                throw new IllegalStateException(coreFailure, e);
            }
            coreLoaded = true;
        }
    }

    private static String coreLoadFailure(LinkageError e, String missingJars) {
        if (missingJars != null) {
            return "Could not load FFmpeg's native libraries for " + Loader.getPlatform() + ": " + missingJars;
        }
        return "Could not load FFmpeg's native libraries for " + Loader.getPlatform() + ": " + e.getMessage()
               + ". The build bundles natives for one platform (-Djavacpp.platform=..., linux-x86_64 by default,"
               + " linux-arm64 for a Raspberry Pi).";
    }

    /**
     * libavdevice, for V4L2 cameras and audio devices. bytedeco builds it against PulseAudio, so
     * on a fresh Debian machine it fails to load until libpulse0 is installed: say so.
     */
    public static void loadDevices() {
        loadCore();
        if (devicesLoaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (devicesLoaded) {
                return;
            }
            if (devicesFailure != null) {
                throw new IllegalStateException(devicesFailure);
            }
            try {
                Loader.load(avdevice.class);
            } catch (LinkageError e) {
                devicesFailure = devicesLoadFailure(e);
                throw new IllegalStateException(devicesFailure, e);
            }
            avdevice.avdevice_register_all();
            devicesLoaded = true;
        }
    }

    static String devicesLoadFailure(Throwable e) {
        String detail = String.valueOf(e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            detail += " / " + c.getMessage();
        }
        String message = "Camera and audio devices need FFmpeg's libavdevice, which could not be loaded (" + detail + ").";
        if (detail.contains("libpulse") || !libpulseInstalled()) {
            message += " It needs the PulseAudio client library: on Debian, Ubuntu or Raspberry Pi OS run"
                       + " 'sudo apt-get install libpulse0'.";
        }
        return message;
    }

    private static boolean libpulseInstalled() {
        for (String dir : new String[] {
                "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/arm-linux-gnueabihf", "/usr/lib64",
                "/usr/lib" }) {
            if (new java.io.File(dir, "libpulse.so.0").exists()) {
                return true;
            }
        }
        return false;
    }

    /** FFmpeg's text for an AVERROR code. */
    public static String error(int code) {
        byte[] buf = new byte[256];
        avutil.av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Returns {@code ret} when it is not an error, else throws naming {@code what} failed. */
    public static int check(int ret, String what) {
        if (ret < 0) {
            throw new FfmpegException(what + ": " + error(ret), ret);
        }
        return ret;
    }
}
