package org.camelvideo.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

/**
 * The main job: {@code java -jar camel-video.jar [ROUTE ...]}. Each argument is a route file
 * (YAML, XML, or a Java RouteBuilder source, compiled on the fly) or the class name of a
 * RouteBuilder on the class path. With none, it runs {@link DefaultRoutes} on the built-in test
 * source. Ctrl-C stops the routes and the capture threads cleanly.
 */
public final class CamelVideoMain {

    /** Property names ending in one of these (after the last dot) have their values masked in the logs. */
    private static final String SENSITIVE_PROPERTY_ENDINGS = "url,uri,key";

    private CamelVideoMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create(args);
        main.run();
    }

    /** A Camel Main configured for {@code args}, not yet started. */
    public static Main create(String... args) throws Exception {
        Main main = new Main();
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.endsWith(".yaml") || arg.endsWith(".yml") || arg.endsWith(".xml") || arg.endsWith(".java")) {
                Path path = Path.of(arg).toAbsolutePath();
                if (!Files.isReadable(path)) {
                    throw new IllegalArgumentException("Route file " + arg + " does not exist or cannot be read");
                }
                files.add("file:" + path);
            } else {
                main.configure().addRoutesBuilder((RoutesBuilder) Class.forName(arg).getDeclaredConstructor().newInstance());
            }
        }
        if (args.length == 0) {
            main.configure().addRoutesBuilder(new DefaultRoutes());
        }
        if (!files.isEmpty()) {
            main.configure().withRoutesIncludePattern(String.join(",", files));
        }
        main.configure().withName("camel-video");
        // Camel lists the placeholders a route used as it starts, masking only names it knows as
        // secret: a camera URL with its password, a server URL or a stream key would be shown whole.
        main.configure().withAdditionalSensitiveKeywords(SENSITIVE_PROPERTY_ENDINGS);
        main.configure().health().withEnabled(true);
        return main;
    }
}
