package org.camelvideo.rtsp.support;

import java.io.File;

/** Finds the real programs the interop tests talk to, failing with the Debian package to install. */
public final class Peers {

    private Peers() {
    }

    public static String ffmpeg() {
        return require("/usr/bin/ffmpeg", "ffmpeg");
    }

    public static String ffprobe() {
        return require("/usr/bin/ffprobe", "ffmpeg");
    }

    /** The system Python that has PyGObject; a pyenv python3 on PATH lacks it. */
    public static String python() {
        require("/usr/lib/x86_64-linux-gnu/girepository-1.0/GstRtspServer-1.0.typelib", "gir1.2-gst-rtsp-server-1.0");
        return require("/usr/bin/python3", "python3-gi");
    }

    private static String require(String path, String debianPackage) {
        if (!new File(path).canExecute() && !new File(path).isFile()) {
            throw new AssertionError(path + " is missing: install the Debian package " + debianPackage
                                     + " (.ci/run does it in CI)");
        }
        return path;
    }
}
