package org.camelvideo.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * A route run where bytedeco's platform jars are not on the class path, and the class loader
 * cannot take them at run time as Camel JBang's does: {@code camera:testsrc} (plain Java) feeds
 * {@code h264:encode}, whose natives do not load. Every frame must fail with the same message
 * naming the jars to add, and the route must still stop at once. It runs in a JVM of its own,
 * since the test JVM has loaded the natives already.
 */
class MissingNativesTest {

    @Test
    void everyFrameFailsNamingTheMissingJarsAndTheRouteStillStops() throws Exception {
        String platform = Loader.getPlatform();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*/org/bytedeco/(ffmpeg|javacpp)/.*-" + platform + "(-gpl)?\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).as("the test class path lists bytedeco's jars").contains("javacpp");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", classPath, RouteWithoutNatives.class.getName()).redirectErrorStream(true).start();
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        String ffmpeg = "org.bytedeco:ffmpeg:" + Loader.getVersion("org.bytedeco", "ffmpeg") + ":" + platform;
        String javacpp = "org.bytedeco:javacpp:" + Loader.getVersion() + ":" + platform;
        List<String> failures = output.lines().filter(l -> l.startsWith("failure: ")).collect(Collectors.toList());
        assertThat(failures).as(output).hasSize(3);
        assertThat(failures.get(0)).contains(ffmpeg).contains(javacpp)
                .contains("ffmpeg-" + Loader.getVersion("org.bytedeco", "ffmpeg") + "-" + platform + ".jar");
        assertThat(failures).as("the JVM's second answer is a bare NoClassDefFoundError; ours stays the same").containsOnly(
                failures.get(0));
        // Before, the frame whose failure was a NoClassDefFoundError never completed: the stop waited 10 s and forced it.
        long stopMillis = output.lines().filter(l -> l.startsWith("stopped in ms: ")).mapToLong(l -> Long.parseLong(l.substring(15)))
                .findFirst().orElseThrow();
        assertThat(stopMillis).as(output).isLessThan(5000);
    }

    /** The child JVM: three frames' failures, then a stop. */
    public static final class RouteWithoutNatives {

        public static void main(String[] args) throws Exception {
            List<String> failures = new CopyOnWriteArrayList<>();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true).process(
                            e -> failures.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));
                    from("camera:testsrc?width=160&height=120&fps=20").to("h264:encode");
                }
            });
            context.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failures.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            context.stop();
            for (String failure : failures.subList(0, Math.min(3, failures.size()))) {
                System.out.println("failure: " + failure);
            }
            System.out.println("stopped in ms: " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }
}
