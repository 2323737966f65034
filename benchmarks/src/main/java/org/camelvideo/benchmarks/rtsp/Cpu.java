package org.camelvideo.benchmarks.rtsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from /proc/PID/stat (utime + stime), in clock ticks of 1/100 s. */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Percent of one core used between two readings {@code seconds} apart. */
    static double percent(long before, long after, double seconds) {
        return (after - before) / TICKS_PER_SECOND / seconds * 100;
    }
}
