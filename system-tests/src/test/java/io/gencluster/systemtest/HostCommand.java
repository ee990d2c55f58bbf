package io.gencluster.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A short-lived host command ({@code ip}, {@code kill}, {@code curl} inside a namespace)
 * run with a deadline, so a hung tool fails the test with its output instead of hanging
 * the suite.
 */
final class HostCommand {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Reads commands' output on threads of its own, never on the common pool that
     * parallel endpoint reads use.
     */
    private static final ExecutorService OUTPUT_READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gcst-command-output");
        thread.setDaemon(true);
        return thread;
    });

    private HostCommand() {
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(List<String> command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the command and returns its output; fails naming the command and its output
     * when it exits non-zero.
     */
    static String run(String... command) {
        Result result = attempt(DEFAULT_TIMEOUT, command);
        if (!result.succeeded()) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` exited with " + result.exitCode()
                    + ": " + result.output().strip());
        }
        return result.output();
    }

    /**
     * Runs the command and returns whatever happened, for callers that expect some
     * failures.
     */
    static Result attempt(Duration timeout, String... command) {
        List<String> commandLine = List.of(command);
        Process process;
        try {
            process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot run `" + String.join(" ", command) + "`: " + ex.getMessage()
                    + " (is the tool installed? .ci/run installs iproute2, dnsmasq-base and curl)", ex);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                OUTPUT_READERS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(commandLine, -1,
                        "timed out after " + timeout.toMillis() + " ms: " + output.getNow(""));
            }
            return new Result(commandLine, process.exitValue(), output.get(5, TimeUnit.SECONDS));
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + String.join(" ", command) + "`", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            return new Result(commandLine, process.exitValue(), "(output unreadable: " + ex.getMessage() + ")");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
