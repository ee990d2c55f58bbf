package io.gencluster.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node (or task) in its own OS process: its standard output is read line by line on a
 * thread of its own, its standard error goes to a log file, and report lines can be
 * awaited.
 */
public final class ChildProcess implements AutoCloseable {

    /**
     * Every child still running: killed when the harness exits, however it exits, so no
     * node outlives it.
     */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
    }

    private final String label;

    private final Process process;

    private final long spawnedAtMicros;

    private final List<String> lines = new ArrayList<>();

    private volatile boolean readerRunning = true;

    private ChildProcess(String label, Process process, long spawnedAtMicros) {
        this.label = label;
        this.process = process;
        this.spawnedAtMicros = spawnedAtMicros;
        LIVE.add(process);
        Thread reader = new Thread(this::readLines, "read-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a command; its standard error goes to {@code errorLog}.
     * @param label a short name for messages
     * @param command the command line
     * @param errorLog where standard error goes
     */
    public static ChildProcess start(String label, List<String> command, File errorLog) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errorLog));
        long at = WallClock.micros();
        try {
            return new ChildProcess(label, builder.start(), at);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + label + ": " + command, ex);
        }
    }

    /** The wall-clock microseconds just before the process was spawned. */
    public long spawnedAtMicros() {
        return spawnedAtMicros;
    }

    /** The OS process id. */
    public long pid() {
        return process.pid();
    }

    /** The label given at start. */
    public String label() {
        return label;
    }

    /** The first line matching the filter, waiting up to the timeout for it. */
    public Optional<String> await(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                Optional<String> found = lines.stream().filter(filter).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0 || (!process.isAlive() && !readerRunning)) {
                    return found;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** The first line starting with {@code tag + " "}, waiting up to the timeout. */
    public Optional<String> awaitTag(String tag, Duration timeout) throws InterruptedException {
        return await(line -> line.startsWith(tag + " "), timeout);
    }

    /** Every line read so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}...) with {@code kill(1)}.
     */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            kill.waitFor(5, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not send SIG" + name + " to " + label, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the process at once (SIGKILL): the kernel closes its sockets, nothing says
     * goodbye.
     */
    public void killNow() {
        process.destroyForcibly();
    }

    /** Kills the process (if alive) and waits for it to be gone. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            LIVE.remove(process);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line.strip());
                    lines.notifyAll();
                }
            }
        }
        catch (IOException ex) {
            // the process went away; what was read stays
        }
        finally {
            readerRunning = false;
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

}
