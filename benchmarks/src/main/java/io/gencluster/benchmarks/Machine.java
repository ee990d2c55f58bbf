package io.gencluster.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the results were measured on: CPU, cores, memory, load, and the versions of every
 * system.
 */
public final class Machine {

    private Machine() {
    }

    /** The CPU model from {@code /proc/cpuinfo}. */
    public static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(line -> line.substring(line.indexOf(':') + 1).strip())
            .orElse("unknown");
    }

    /** Total memory from {@code /proc/meminfo}, in GiB. */
    public static String memory() {
        return procLine("/proc/meminfo", "MemTotal").map(line -> {
            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    /** The 1, 5 and 15-minute load averages now. */
    public static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    /** Erlang/OTP release and ERTS version, from the {@code erl} on the PATH. */
    public static String erlangVersion() {
        return run(List.of("erl", "-noshell", "-eval",
                "io:format(\"OTP ~s, ERTS ~s\", [erlang:system_info(otp_release), erlang:system_info(version)]), halt()."));
    }

    /** The JGroups version on the classpath. */
    public static String jgroupsVersion() {
        return org.jgroups.Version.printVersion();
    }

    /** The Java runtime. */
    public static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key)).findFirst();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        }
        catch (IOException ex) {
            return "not found (" + ex.getMessage() + ")";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

}
