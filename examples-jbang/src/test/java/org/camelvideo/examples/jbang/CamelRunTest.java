package org.camelvideo.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camel run} of Camel JBang 4.17 plays the example route files as they are: the test
 * source recorded to a file and an RTMP publisher served again over RTSP, then the Quarkus
 * example's route, the test source over MJPEG and RTSP. The components go to it as jar files,
 * {@code camel-camera}, {@code camel-mjpeg}, {@code camel-rtmp} and {@code camel-rtsp} with what
 * they bring that Camel JBang has not, but for bytedeco's platform jars, which its {@code --dep}
 * would leave out as well: camel-camera finds them in the local Maven repository, where Camel
 * JBang's resolver puts them, and adds them to its class loader.
 */
class CamelRunTest {

    private static final Path ROUTES = Path.of("../examples/routes").toAbsolutePath().normalize();
    /** The same route file the Quarkus example runs: camera to MJPEG (a JPEG per frame) and, encoded, to RTSP. */
    private static final Path QUARKUS_ROUTE = Path.of("../examples-quarkus/src/main/resources/routes/testsrc.yaml").toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    @Test
    void recordsTheTestSourceAndRelaysAPublisherOverRtsp() throws Exception {
        int rtmpPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        Process camel = camelRun(List.of(ROUTES.resolve("testsrc-to-file.yaml"), ROUTES.resolve("publisher-to-rtsp.yaml")),
                                 List.of("hub.rtmp.port=" + rtmpPort, "hub.rtsp.port=" + rtspPort));
        Process publisher = null;
        try {
            awaitListening(rtmpPort, camel);
            publisher = new ProcessBuilder(Peers.ffmpeg(), "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                                           "-t", "20", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30",
                                           "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/live/obs")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg-publish.log").toFile()).start();
            Thread.sleep(1500);
            assertThat(Peers.ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/obs", 30)).as(log())
                    .isEqualTo("h264 640x360 30");
        } finally {
            if (publisher != null) {
                publisher.destroy();
            }
            stop(camel);
        }
        assertCleanRun("Started testsrc-to-file");
        assertThat(Peers.ffprobeFrames("h264", dir.resolve("recordings/testsrc-yaml.h264").toString(), 25)).as(log())
                .isEqualTo("h264 320x240 25");
    }

    /** Here a frame's first use of FFmpeg is its JPEG, for MJPEG, before any encoder's. */
    @Test
    void servesTheQuarkusExamplesRouteOverMjpegAndRtsp() throws Exception {
        int mjpegPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        // The Quarkus example's settings, which camel run does not read from its application.properties.
        List<String> settings = new ArrayList<>();
        for (String setting : List.of("source=testsrc", "width=320", "height=240", "fps=30", "bitrate=500000", "gop=30",
                                      "host=127.0.0.1", "mjpeg.port=" + mjpegPort, "rtsp.port=" + rtspPort)) {
            settings.add("camelvideo." + setting);
        }
        Process camel = camelRun(List.of(QUARKUS_ROUTE), settings);
        try {
            awaitListening(rtspPort, camel);
            assertThat(Peers.ffprobeFrames("mpjpeg", "http://127.0.0.1:" + mjpegPort + "/stream", 30)).as(log())
                    .isEqualTo("mjpeg 320x240 30");
            assertThat(Peers.ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/live", 30)).as(log())
                    .isEqualTo("h264 320x240 30");
        } finally {
            stop(camel);
        }
        assertCleanRun("Started testsrc");
    }

    private Process camelRun(List<Path> routes, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                                                       "-Dmaven.repo.local=" + localRepository(), "-cp",
                                                       camelCommandClassPath(), CamelCommand.class.getName(), "run"));
        routes.forEach(route -> command.add(route.toString()));
        command.addAll(componentJars());
        properties.forEach(property -> command.add("--prop=" + property));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("camel-run.log").toFile())
                .start();
    }

    /** SIGTERM: camel run stops its routes from a shutdown hook, as on Ctrl-C. */
    private static void stop(Process camel) throws InterruptedException {
        camel.destroy();
        if (!camel.waitFor(30, TimeUnit.SECONDS)) {
            camel.destroyForcibly();
        }
    }

    private void assertCleanRun(String started) throws IOException {
        assertThat(log()).contains(started).doesNotContain(" ERROR ").doesNotContain("Exception")
                .contains("were not on the class path (Camel JBang leaves out dependencies with a classifier); added [");
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("camel-run.log"));
    }

    private void awaitListening(int port, Process camel) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Peers.listening(port)) {
            if (!camel.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("camel run did not open port " + port + ":\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** The compile scope of this module, which is camel-jbang-core's, and the launcher class. */
    private static String camelCommandClassPath() throws IOException {
        return Files.readString(Path.of("target/camel-command.classpath")).trim() + File.pathSeparator
               + Path.of("target/test-classes").toAbsolutePath();
    }

    /**
     * The test class path less what the camel command has, what only tests use, and bytedeco's
     * platform jars, which {@code --dep} would leave out too: camel-camera adds them from the local
     * Maven repository itself. In a reactor build before {@code package}, a module is a classes
     * directory: camel run takes jars only.
     */
    private static List<String> componentJars() throws IOException {
        Set<String> command = Set.of(camelCommandClassPath().split(File.pathSeparator));
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (command.contains(entry) || entry.matches(".*(/junit|/assertj|/opentest4j|/apiguardian|/byte-buddy|-tests\\.jar"
                                                         + "|/test-classes|/examples-jbang/).*") || isPlatformJar(entry)) {
                continue;
            }
            Path path = Path.of(entry);
            jars.add(Files.isDirectory(path) ? ModuleJar.of(path).toString() : entry);
        }
        return jars;
    }

    private static boolean isPlatformJar(String entry) {
        return entry.matches(".*/org/bytedeco/(ffmpeg|javacpp)/[^/]+/[^/]+-linux-[^/]+\\.jar");
    }

    /** The Maven repository this build resolved bytedeco's jars from, which camel run is to use too. */
    private static Path localRepository() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (isPlatformJar(entry)) {
                return Path.of(entry.substring(0, entry.indexOf("/org/bytedeco/")));
            }
        }
        throw new AssertionError("bytedeco's platform jars are not on the test class path");
    }
}
