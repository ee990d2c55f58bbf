package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N nodes of one system, each in its own OS process, on loopback with a static list of
 * all of them. Closing it kills every process.
 */
public final class ProcessCluster implements AutoCloseable {

    private final List<ChildProcess> nodes = new ArrayList<>();

    private final Env env;

    private final Kind kind;

    private final List<String> names;

    private final List<Integer> ports;

    private final Heartbeats heartbeats;

    private ProcessCluster(Env env, Kind kind, List<String> names, List<Integer> ports, Heartbeats heartbeats) {
        this.env = env;
        this.kind = kind;
        this.names = names;
        this.ports = ports;
        this.heartbeats = heartbeats;
    }

    /**
     * Prepares N nodes without starting any.
     * @param env where the binaries are
     * @param kind which system
     * @param n how many nodes
     * @param tag a word unique to this run (Erlang node names must not repeat while epmd
     * remembers them)
     * @param heartbeats the failure-detection settings of every node
     */
    public static ProcessCluster prepare(Env env, Kind kind, int n, String tag, Heartbeats heartbeats) {
        List<String> names = IntStream.range(0, n).mapToObj(i -> tag + "n" + i).toList();
        return new ProcessCluster(env, kind, names, kind == Kind.ERLANG ? List.of() : FreePorts.take(n), heartbeats);
    }

    /**
     * Prepares N nodes and starts them one after the other, without waiting between them.
     */
    public static ProcessCluster start(Env env, Kind kind, int n, String tag, Heartbeats heartbeats) {
        ProcessCluster cluster = prepare(env, kind, n, tag, heartbeats);
        while (cluster.nodes.size() < n) {
            cluster.startNext();
        }
        return cluster;
    }

    /** Starts the next node of the list. */
    public void startNext() {
        int i = nodes.size();
        String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<String> command = kind == Kind.ERLANG ? env.erlangCommand(names.get(i), names, heartbeats)
                : env.javaCommand(NodeMain.class.getName(), kind.argument(), names.get(i), String.valueOf(ports.get(i)),
                        portList, heartbeats.name());
        nodes.add(ChildProcess.start(names.get(i), command, env.log(kind.argument() + "-" + names.get(i))));
    }

    /** The processes, in start order. */
    public List<ChildProcess> nodes() {
        return nodes;
    }

    /** The node name of the process at that index, as the systems report it. */
    public String name(int index) {
        return names.get(index);
    }

    /** When the last process was spawned (wall-clock microseconds). */
    public long lastSpawnMicros() {
        return nodes.get(nodes.size() - 1).spawnedAtMicros();
    }

    /**
     * The latest time a started node reported with the tag, waiting up to the timeout for
     * every node.
     */
    public long latest(String tag, Duration timeout) throws InterruptedException {
        return latest(line -> line.startsWith(tag + " "), tag, timeout);
    }

    /**
     * The latest time a started node reported a matching line, waiting up to the timeout
     * for every node.
     */
    public long latest(Predicate<String> filter, String what, Duration timeout) throws InterruptedException {
        long latest = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChildProcess node : nodes) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<String> line = node.await(filter, left);
            if (line.isEmpty()) {
                throw new IllegalStateException(node.label() + " did not report " + what + " within " + timeout
                        + "; it printed " + node.lines());
            }
            latest = Math.max(latest, lastNumber(line.get()));
        }
        return latest;
    }

    /** The number at the end of a report line: its wall-clock microseconds. */
    public static long lastNumber(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** The peer name in a {@code LEFT} line, without quotes or host. */
    public static String leftPeer(String line) {
        String peer = line.split(" ")[1].replace("'", "");
        int at = peer.indexOf('@');
        return at < 0 ? peer : peer.substring(0, at);
    }

    /** The reason word in a {@code LEFT} line. */
    public static String leftReason(String line) {
        return line.split(" ")[2];
    }

    @Override
    public void close() {
        nodes.forEach(ChildProcess::close);
    }

}
