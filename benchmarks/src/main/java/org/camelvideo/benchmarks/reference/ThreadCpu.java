package org.camelvideo.benchmarks.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * This JVM's CPU time by group of threads, from Linux's per-thread scheduler statistics. Unlike
 * {@code ThreadMXBean} it also sees the JVM's own threads (JIT compilers, GC), which is where a
 * Java process spends what a C program does not.
 */
public final class ThreadCpu {

    private ThreadCpu() {
    }

    /** Nanoseconds on a CPU so far, summed per group that {@code group} gives each thread's name. */
    public static Map<String, Long> byGroup(Function<String, String> group) {
        Map<String, Long> total = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                    total.merge(group.apply(name), nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: its time is gone with it.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Per-thread CPU needs Linux's /proc/self/task", e);
        }
        return total;
    }

    /** The groups' seconds from {@code before} to {@code after}. */
    public static Map<String, Double> seconds(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> out = new HashMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0L)) / 1e9));
        return out;
    }

    /** The usual split of a JVM: JIT compilers, garbage collector and safepoints, the rest. */
    public static String jvmGroup(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "JIT compilers";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")) {
            return "GC and safepoints";
        }
        return "other threads";
    }
}
