package org.camelvideo.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bytedeco ships each platform's native libraries in jars of their own, Maven dependencies with a
 * classifier ({@code ffmpeg-8.0.1-1.5.13-linux-x86_64.jar}). A launcher that puts dependencies on
 * its class path by group, artifact and version alone leaves them out: Camel JBang 4.17 resolves
 * them, so they are in the local Maven repository, then adds only the first jar of each
 * coordinate to its class loader. The JVM's error is then "no jniavutil in java.library.path",
 * which says nothing of a jar.
 * <p>
 * Such a class loader takes jars at run time (Camel JBang's has a public {@code addFile(File)}),
 * so the missing ones are added from the local repository; anywhere else the error names them.
 */
final class NativeJars {

    private static final Logger LOG = LoggerFactory.getLogger(NativeJars.class);
    /** Each jar, and a library in it whose presence shows it is on the class path. */
    private static final String[][] JARS = { { "ffmpeg", "jniavutil" }, { "javacpp", "jnijavacpp" } };

    private NativeJars() {
    }

    /**
     * Adds the platform jars that {@code loader} lacks from the local Maven repository, when the
     * loader takes jars and the repository has them all; otherwise leaves it as it is.
     */
    static void addMissing(ClassLoader loader) {
        List<Path> jars = missing(loader).stream().map(Jar::file).toList();
        if (jars.isEmpty() || !jars.stream().allMatch(Files::isRegularFile)) {
            return;
        }
        Method addFile;
        try {
            addFile = loader.getClass().getMethod("addFile", File.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            for (Path jar : jars) {
                addFile.invoke(loader, jar.toFile());
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.debug("Could not add bytedeco's platform jars to {}", loader, e);
            return;
        }
        LOG.info("bytedeco's native libraries for {} were not on the class path (Camel JBang leaves out dependencies with a"
                 + " classifier); added {} from the local Maven repository", Loader.getPlatform(), jars);
    }

    /** What is missing and what to do, or null when both jars are there (the failure is elsewhere). */
    static String advice(ClassLoader loader) {
        List<Jar> jars = missing(loader);
        if (jars.isEmpty()) {
            return null;
        }
        return "the class path has no jar of bytedeco's native libraries for this platform: add "
               + jars.stream().map(Jar::coordinate).collect(Collectors.joining(" and ")) + " (classifier " + Loader.getPlatform()
               + "-gpl for FFmpeg's GPL build), the files " + jars.stream().map(Jar::file).toList();
    }

    /** A platform jar by its Maven coordinate, and where the local Maven repository keeps it, whether it is there or not. */
    private record Jar(String coordinate, Path file) {
    }

    private static List<Jar> missing(ClassLoader loader) {
        String platform = Loader.getPlatform();
        List<Jar> jars = new ArrayList<>();
        for (String[] jar : JARS) {
            String artifact = jar[0];
            if (loader.getResource("org/bytedeco/" + artifact + "/" + platform + "/" + System.mapLibraryName(jar[1])) == null) {
                String version = version(artifact);
                jars.add(new Jar("org.bytedeco:" + artifact + ":" + version + ":" + platform,
                                 localRepository().resolve("org/bytedeco/" + artifact + "/" + version + "/" + artifact + "-" + version
                                                           + "-" + platform + ".jar")));
            }
        }
        return jars;
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
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
