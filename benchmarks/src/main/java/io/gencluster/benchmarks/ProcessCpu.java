package io.gencluster.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time used by processes, in nanoseconds: this JVM through its MXBean, others through
 * {@code /proc/PID/stat}.
 */
public final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** CPU time this JVM has used, all threads, user and system. */
    public static long self() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /**
     * CPU time (user + system) the given processes have used, at clock-tick (10 ms)
     * resolution.
     */
    public static long of(Collection<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
            }
            catch (IOException ex) {
                throw new IllegalStateException("Could not read the CPU time of process " + pid, ex);
            }
        }
        return total;
    }

}
