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
 * {@code camel run} of Camel JBang 4.17 plays two of the example route files: the test source
 * recorded to a file, and an RTMP publisher served again over RTSP. The components go to it as
 * jar files, {@code camel-camera}, {@code camel-rtmp} and {@code camel-rtsp} with what they bring
 * that Camel JBang has not, but for bytedeco's platform jars, which its {@code --dep} would leave
 * out as well: camel-camera finds them in the local Maven repository, where Camel JBang's
 * resolver puts them, and adds them to its class loader.
 */
class CamelRunTest {

    private static final Path ROUTES = Path.of("../examples/routes").toAbsolutePath().normalize();

    @Test
    void camelRunRecordsTheTestSourceAndRelaysAPublisherOverRtsp(@TempDir Path dir) throws Exception {
        int rtmpPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        Path log = dir.resolve("camel-run.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                                                       "-Dmaven.repo.local=" + localRepository(), "-cp",
                                                       camelCommandClassPath(), CamelCommand.class.getName(), "run",
                                                       ROUTES.resolve("testsrc-to-file.yaml").toString(),
                                                       ROUTES.resolve("publisher-to-rtsp.yaml").toString()));
        command.addAll(componentJars());
        command.addAll(List.of("--prop=hub.rtmp.port=" + rtmpPort, "--prop=hub.rtsp.port=" + rtspPort));
        Process camel = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        Process publisher = null;
        try {
            awaitListening(rtmpPort, camel, log);
            publisher = new ProcessBuilder(Peers.ffmpeg(), "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                                           "-t", "20", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30",
                                           "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/live/obs")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg-publish.log").toFile()).start();
            Thread.sleep(1500);
            assertThat(Peers.ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/obs", 30)).as(Files.readString(log))
                    .isEqualTo("h264 640x360 30");
        } finally {
            if (publisher != null) {
                publisher.destroy();
            }
            // SIGTERM: camel run stops its routes from a shutdown hook, as on Ctrl-C.
            camel.destroy();
            if (!camel.waitFor(30, TimeUnit.SECONDS)) {
                camel.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        assertThat(output).contains("Started testsrc-to-file").doesNotContain(" ERROR ").doesNotContain("Exception")
                .contains("were not on the class path (Camel JBang leaves out dependencies with a classifier); added [");
        assertThat(Peers.ffprobeFrames("h264", dir.resolve("recordings/testsrc-yaml.h264").toString(), 25)).as(output)
                .isEqualTo("h264 320x240 25");
    }

    private static void awaitListening(int port, Process camel, Path log) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Peers.listening(port)) {
            if (!camel.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("camel run did not open the RTMP port " + port + ":\n" + Files.readString(log));
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
