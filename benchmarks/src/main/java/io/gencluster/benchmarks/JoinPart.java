package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.gencluster.benchmarks.JoinReport.Wait;

/**
 * The {@code join} part of the run: for N = 3 and 10, a node in its own process joins a
 * formed cluster of N − 1 processes; gen-cluster's nodes are Spring Boot apps
 * ({@code JoinApp}), timed from the joining app's {@code ApplicationReadyEvent}, beside
 * Erlang's {@code erl} nodes and JGroups' JVMs. Every time is a wall-clock time a node
 * printed itself (see {@link JoinReport}).
 */
final class JoinPart {

    static final int[] SIZES = { 3, 10 };

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Duration MESH_TIMEOUT = Duration.ofSeconds(60);

    private static final String APP = "io.gencluster.benchmarks.join.JoinApp";

    private final Env env;

    private final int runs;

    private final JoinReport report;

    private final Set<Kind> systems;

    private final Supplier<String> tags;

    JoinPart(Env env, int runs, JoinReport report, Set<Kind> systems, Supplier<String> tags) {
        this.env = env;
        this.runs = runs;
        this.report = report;
        this.systems = systems;
        this.tags = tags;
    }

    /** Measures every system at one size, the systems interleaved run by run. */
    void measure(int n) throws InterruptedException {
        Map<Wait, Samples> ours = new EnumMap<>(Wait.class);
        for (Wait wait : Wait.values()) {
            ours.put(wait, new Samples());
        }
        Samples erlang = new Samples();
        Samples jgroups = new Samples();
        for (int run = 0; run < runs; run++) {
            if (systems.contains(Kind.OURS)) {
                progress(Kind.OURS, n, run);
                ours(n, run, ours);
            }
            if (systems.contains(Kind.ERLANG)) {
                progress(Kind.ERLANG, n, run);
                processes(Kind.ERLANG, n, erlang);
            }
            if (systems.contains(Kind.JGROUPS)) {
                progress(Kind.JGROUPS, n, run);
                processes(Kind.JGROUPS, n, jgroups);
            }
        }
        for (Wait wait : Wait.values()) {
            if (systems.contains(Kind.OURS)) {
                ours.get(wait).fill(report, n, wait, Kind.OURS);
            }
            if (systems.contains(Kind.ERLANG)) {
                erlang.fill(report, n, wait, Kind.ERLANG);
            }
            if (systems.contains(Kind.JGROUPS)) {
                jgroups.fill(report, n, wait, Kind.JGROUPS);
            }
        }
    }

    /**
     * One run of gen-cluster: N − 1 apps form, then one app of each setting joins in turn
     * (the first killed and seen gone before the second starts).
     */
    private void ours(int n, int run, Map<Wait, Samples> samples) throws InterruptedException {
        String tag = tags.get();
        List<Integer> ports = FreePorts.take(n + 1);
        String nodes = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        List<Wait> order = run % 2 == 0 ? List.of(Wait.DEFAULT, Wait.NONE) : List.of(Wait.NONE, Wait.DEFAULT);
        List<ChildProcess> formed = new ArrayList<>();
        int done = 0;
        try {
            for (int i = 0; i < n - 1; i++) {
                formed.add(app(tag + "n" + i, ports.get(i), nodes, null));
            }
            for (ChildProcess node : formed) {
                await(node, line -> line.startsWith("JOINED ") && count(line) >= n - 2, START_TIMEOUT,
                        "its " + (n - 2) + " peers");
            }
            for (Wait wait : order) {
                String name = tag + "j" + done;
                long mesh;
                long ready;
                long spawned;
                long ownLast;
                try (ChildProcess joiner = app(name, ports.get(n - 1 + done), nodes, wait.value())) {
                    spawned = joiner.spawnedAtMicros();
                    ready = ProcessCluster.lastNumber(
                            await(joiner, line -> line.startsWith("READY "), START_TIMEOUT, "ApplicationReadyEvent"));
                    ownLast = ProcessCluster
                        .lastNumber(await(joiner, line -> line.startsWith("JOINED ") && count(line) >= n - 1,
                                MESH_TIMEOUT, "all " + (n - 1) + " peers"));
                    mesh = ownLast;
                    for (ChildProcess node : formed) {
                        mesh = Math.max(mesh, ProcessCluster.lastNumber(await(node,
                                line -> line.startsWith("JOINED " + name + " "), MESH_TIMEOUT, name + " join")));
                    }
                }
                samples.get(wait).add(ready, ownLast, mesh, spawned);
                done++;
                if (done < order.size()) {
                    for (ChildProcess node : formed) {
                        await(node, line -> line.startsWith("LEFT " + name + " "), MESH_TIMEOUT, name + " leave");
                    }
                }
            }
        }
        catch (IllegalStateException ex) {
            for (Wait wait : order.subList(done, order.size())) {
                samples.get(wait).failed++;
            }
            report.failures.add("gen-cluster N=" + n + " run " + (run + 1) + ": " + ex.getMessage());
        }
        finally {
            formed.forEach(ChildProcess::close);
        }
    }

    /** One run of Erlang or JGroups: N − 1 node processes form, then the last joins. */
    private void processes(Kind kind, int n, Samples samples) throws InterruptedException {
        try (ProcessCluster cluster = ProcessCluster.prepare(env, kind, n, tags.get(), Heartbeats.DEFAULTS)) {
            for (int i = 0; i < n - 1; i++) {
                cluster.startNext();
            }
            String formed = "PEERS " + (n - 2) + " ";
            cluster.latest(line -> line.startsWith(formed), formed.strip(), START_TIMEOUT);
            cluster.startNext();
            ChildProcess joiner = cluster.nodes().get(n - 1);
            long mesh = cluster.latest("MESH", MESH_TIMEOUT);
            long ready = ProcessCluster
                .lastNumber(await(joiner, line -> line.startsWith("READY "), MESH_TIMEOUT, "READY"));
            long ownLast = ProcessCluster
                .lastNumber(await(joiner, line -> line.startsWith("MESH "), MESH_TIMEOUT, "MESH"));
            samples.add(ready, ownLast, mesh, joiner.spawnedAtMicros());
        }
        catch (IllegalStateException ex) {
            samples.failed++;
            report.failures.add(kind.title() + " N=" + n + ": " + ex.getMessage());
        }
    }

    private ChildProcess app(String name, int port, String nodes, String joinBeforeReady) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--gen-cluster.node-name=" + name, "--gen-cluster.discovery.strategy=static",
                "--gen-cluster.discovery.static.nodes=" + nodes, "--gen-cluster.transport.port=" + port,
                "--gen-cluster.transport.bind-address=127.0.0.1", "--gen-cluster.transport.cookie=" + OursNode.COOKIE));
        if (joinBeforeReady != null) {
            args.add("--gen-cluster.join-before-ready=" + joinBeforeReady);
        }
        return ChildProcess.start(name, env.javaCommand(APP, args.toArray(String[]::new)), env.log("join-" + name));
    }

    private static String await(ChildProcess node, java.util.function.Predicate<String> filter, Duration timeout,
            String what) throws InterruptedException {
        Optional<String> line = node.await(filter, timeout);
        if (line.isEmpty()) {
            throw new IllegalStateException(
                    node.label() + " did not report " + what + " within " + timeout + "; it printed " + node.lines());
        }
        return line.get();
    }

    /** The member count in a {@code JOINED peer count us} line. */
    static int count(String line) {
        return Integer.parseInt(line.split(" ")[2]);
    }

    private void progress(Kind kind, int n, int run) {
        BenchmarkMain.progress("join", kind, n, run, runs);
    }

    /** The three figures of one system (or setting) over the runs, in milliseconds. */
    static final class Samples {

        final List<Double> readyToMesh = new ArrayList<>();

        final List<Double> lastJoin = new ArrayList<>();

        final List<Double> spawnToMesh = new ArrayList<>();

        int failed;

        /** Adds one run from its wall-clock microseconds. */
        void add(long ready, long ownLast, long mesh, long spawned) {
            readyToMesh.add((mesh - ready) / 1e3);
            lastJoin.add((ownLast - ready) / 1e3);
            spawnToMesh.add((mesh - spawned) / 1e3);
        }

        void fill(JoinReport report, int n, Wait wait, Kind kind) {
            report.joins.rowNamed(JoinReport.readyLabel(n, wait)).put(kind, new Summary(readyToMesh, failed));
            report.joins.rowNamed(JoinReport.lastJoinLabel(n, wait)).put(kind, new Summary(lastJoin, failed));
            report.joins.rowNamed(JoinReport.spawnLabel(n, wait)).put(kind, new Summary(spawnToMesh, failed));
        }

    }

}
