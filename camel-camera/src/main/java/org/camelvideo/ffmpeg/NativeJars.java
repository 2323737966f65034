package org.camelvideo.ffmpeg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;

/**
 * bytedeco ships each platform's native libraries in jars of their own, Maven dependencies with a
 * classifier ({@code ffmpeg-8.0.1-1.5.13-linux-x86_64.jar}). A launcher that resolves
 * dependencies by group, artifact and version alone leaves them out: Camel JBang 4.17 adds the
 * first jar of a coordinate to its class loader and skips the others, whatever their classifier.
 * Then the only error the JVM gives is "no jniavutil in java.library.path", which says nothing of
 * a jar; this names the jars that are missing and how to add them.
 */
final class NativeJars {

    private NativeJars() {
    }

    /** What is missing and what to do, or null when both jars are there (the failure is elsewhere). */
    static String missing(ClassLoader loader) {
        String platform = Loader.getPlatform();
        List<String> coordinates = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String[] jar : new String[][] { { "ffmpeg", "jniavutil" }, { "javacpp", "jnijavacpp" } }) {
            String artifact = jar[0];
            if (loader.getResource("org/bytedeco/" + artifact + "/" + platform + "/" + System.mapLibraryName(jar[1])) == null) {
                String version = version(artifact);
                coordinates.add("org.bytedeco:" + artifact + ":" + version + ":" + platform);
                files.add("~/.m2/repository/org/bytedeco/" + artifact + "/" + version + "/" + artifact + "-" + version + "-" + platform
                          + ".jar");
            }
        }
        if (coordinates.isEmpty()) {
            return null;
        }
        return "the class path has no jar of bytedeco's native libraries for this platform: add " + String.join(" and ", coordinates)
               + " (classifier " + platform + "-gpl for FFmpeg's GPL build). Camel JBang downloads such jars but leaves"
               + " dependencies with a classifier out of its class path: give it the files as arguments, camel run route.yaml "
               + String.join(" ", files) + " --dep=...";
    }

    private static String version(String artifact) {
        try {
            String version = Loader.getVersion("org.bytedeco", artifact);
            return version == null ? "<version>" : version;
        } catch (IOException e) {
            return "<version>";
        }
    }
}
