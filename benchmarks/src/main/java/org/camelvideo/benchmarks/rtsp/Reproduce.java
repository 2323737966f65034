package org.camelvideo.benchmarks.rtsp;

/** The commands, from the repository root, that rebuild and rerun a benchmark as it was run. */
final class Reproduce {

    private Reproduce() {
    }

    static String command(Class<?> main, String[] args) {
        return "Reproduce (from the repository root):\n"
               + "  ./mvnw -B -q -pl benchmarks -am install -DskipTests\n"
               + "  ./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt\n"
               + "  java -cp \"benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)\" " + main.getName() + " "
               + String.join(" ", args);
    }
}
