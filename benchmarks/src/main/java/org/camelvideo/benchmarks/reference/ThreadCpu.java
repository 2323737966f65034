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

    /** Fields of /proc/.../schedstat: time on a CPU (ns), time waiting for one, timeslices run. */
    private static final int RUN_NANOS = 0;
    private static final int TIMESLICES = 2;

    private ThreadCpu() {
    }

    /** Nanoseconds on a CPU so far, summed per group that {@code group} gives each thread's name. */
    public static Map<String, Long> byGroup(Function<String, String> group) {
        return byGroup(Path.of("/proc/self/task"), group, RUN_NANOS);
    }

    /** Times put on a CPU so far (see {@link #timeslices}), summed per group of this JVM's threads. */
    public static Map<String, Long> timeslicesByGroup(Function<String, String> group) {
        return byGroup(Path.of("/proc/self/task"), group, TIMESLICES);
    }

    /** Nanoseconds on a CPU so far of all the live threads of a process, such as a peer program. */
    public static long ofProcess(long pid) {
        return sum(pid, RUN_NANOS);
    }

    /**
     * How many times the live threads of a process have been put on a CPU so far: about once per
     * wake-up, and on a virtual machine each costs tens of microseconds of its own.
     */
    public static long timeslices(long pid) {
        return sum(pid, TIMESLICES);
    }

    private static long sum(long pid, int field) {
        return byGroup(Path.of("/proc", Long.toString(pid), "task"), name -> "all", field).getOrDefault("all", 0L);
    }

    private static Map<String, Long> byGroup(Path taskDir, Function<String, String> group, int field) {
        Map<String, Long> total = new HashMap<>();
        try (Stream<Path> tasks = Files.list(taskDir)) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long value = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[field]);
                    total.merge(group.apply(name), value, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: its time is gone with it.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Per-thread CPU needs Linux's " + taskDir, e);
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
