package io.gencluster.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM of {@code samples/hello-cluster} running in its own namespace, with the
 * controls the scenarios need: start, {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT},
 * orderly stop (SIGTERM), its {@code /actuator/cluster} read over HTTP from inside its
 * namespace, its RSS and its log.
 */
final class SampleNode {

    /**
     * The transport port every node listens on (each has its own address, so they can
     * share it).
     */
    static final int TRANSPORT_PORT = 4370;

    /** The HTTP port of every node, reached from inside the node's namespace only. */
    static final int HTTP_PORT = 8080;

    /**
     * The node name of every node (the sample's {@code spring.application.name}): as in
     * gen_cluster, nodes of one service share a name and DNS discovery gives each peer
     * this node's name.
     */
    static final String NODE_NAME = "hello-cluster";

    /** The status in a health answer. */
    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final String name;

    private final Namespace namespace;

    private final NodeLog log;

    private Process process;

    SampleNode(String name, Namespace namespace, Path logFile) {
        this.name = name;
        this.namespace = namespace;
        this.log = new NodeLog(logFile);
    }

    /**
     * The test's label of this node, e.g. {@code n1}: its namespace, log file and DNS
     * host name.
     */
    String name() {
        return name;
    }

    /** This node's id as peers see it: {@code hello-cluster@address:port}. */
    String id() {
        return NODE_NAME + "@" + namespace.address() + ":" + TRANSPORT_PORT;
    }

    /** The namespace the node runs in. */
    Namespace namespace() {
        return namespace;
    }

    /** The node's address on the lab bridge. */
    String address() {
        return namespace.address();
    }

    /** The node's output, kept across restarts. */
    NodeLog log() {
        return log;
    }

    /**
     * Starts the JVM with these JVM options, application arguments and extra environment
     * (for secrets, which a command line shows to every user), appending its output to
     * the log.
     */
    synchronized void start(Path jar, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment) {
        if (alive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>(namespace.command(javaCommand()));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        try {
            Files.writeString(log.file(), "---- gcst: starting " + name + ": " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name, ex);
        }
    }

    /** Whether the JVM is running (a stopped one counts as running). */
    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The JVM's pid ({@code ip netns exec} execs java, so this is the JVM itself). */
    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /**
     * {@code kill -9}: the JVM dies without a goodbye; waits until it is gone. Does
     * nothing when it is not running.
     */
    synchronized void kill() {
        if (!alive()) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /**
     * Orderly stop (SIGTERM): the node says goodbye and shuts down; waits until it is
     * gone.
     */
    synchronized void stop() {
        if (alive()) {
            process.destroy();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /** {@code kill -STOP}: the JVM freezes with its sockets open. */
    void freeze() {
        HostCommand.run("kill", "-STOP", Long.toString(pid()));
    }

    /** {@code kill -CONT}: the JVM resumes. */
    void thaw() {
        HostCommand.run("kill", "-CONT", Long.toString(pid()));
    }

    /** The JVM's resident set size in KiB, from {@code /proc/<pid>/status}. */
    long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        throw new IllegalStateException("no VmRSS line for " + name + " (pid " + pid() + ")");
    }

    /**
     * The node's {@code /actuator/cluster}, read from inside its namespace; empty when it
     * does not answer in 5 s.
     */
    Optional<ClusterView> view() {
        if (!alive()) {
            return Optional.empty();
        }
        HostCommand.Result answer = HostCommand.attempt(Duration.ofSeconds(10),
                namespace
                    .command("curl", "-sS", "--fail", "--max-time", "5",
                            "http://127.0.0.1:" + HTTP_PORT + "/actuator/cluster")
                    .toArray(String[]::new));
        if (!answer.succeeded()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClusterView.parse(answer.output()));
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException(
                    name + " answered /actuator/cluster with something that is not its JSON: " + answer.output(), ex);
        }
    }

    /**
     * The status of the node's {@code cluster} health contributor ({@code UP},
     * {@code OUT_OF_SERVICE}...), read from inside its namespace; empty when it does not
     * answer in 5 s. Not {@code --fail}: a status other than UP answers 503.
     */
    Optional<String> clusterHealth() {
        if (!alive()) {
            return Optional.empty();
        }
        HostCommand.Result answer = HostCommand.attempt(Duration.ofSeconds(10),
                namespace
                    .command("curl", "-sS", "--max-time", "5",
                            "http://127.0.0.1:" + HTTP_PORT + "/actuator/health/cluster")
                    .toArray(String[]::new));
        Matcher status = HEALTH_STATUS.matcher(answer.output());
        return answer.succeeded() && status.find() ? Optional.of(status.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        name + " did not exit within " + timeout.toSeconds() + " s and was killed; log: " + log.file());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", ex);
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
