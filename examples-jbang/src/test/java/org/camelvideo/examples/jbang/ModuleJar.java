package org.camelvideo.examples.jbang;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A module's classes directory ({@code camel-camera/target/classes}) as a jar file, for camel run. */
final class ModuleJar {

    private ModuleJar() {
    }

    static Path of(Path classes) throws IOException {
        String module = classes.toAbsolutePath().getParent().getParent().getFileName().toString();
        Path jar = Files.createTempFile(Path.of("target").toAbsolutePath(), module + "-", ".jar");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
