package io.gencluster.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs every figure for gen-cluster, Erlang distribution and JGroups on this machine and
 * writes {@code RESULTS.md}. The results file is rewritten after each part, so a run cut
 * short keeps what it measured.
 * <p>
 * Arguments:
 * {@code --runs N --out FILE --classpath-file FILE --erlang-dir DIR --log-dir DIR --revision REV [--only PART,...] [--systems ours,erlang,jgroups]}
 * with parts {@code formation}, {@code processes}, {@code failure}, {@code overhead},
 * {@code startup}, {@code messaging}, {@code join}. A run of only {@code messaging}
 * and/or {@code join} replaces their sections of an existing results file and keeps the
 * rest of it.
 */
public final class BenchmarkMain {

    private static final int[] IN_JVM_SIZES = { 3, 10, 50, 100 };

    private static final int[] PROCESS_SIZES = { 3, 10 };

    private static final int[] OVERHEAD_SIZES = { 10, 100 };

    private static final int WINDOW_SECONDS = 5;

    private static final Duration MESH_TIMEOUT = Duration.ofSeconds(60);

    private final Env env;

    private final int runs;

    private final Report report;

    private final Path out;

    /**
     * The systems measured ({@code --systems}, all by default): formation and failure
     * skip the others.
     */
    private final Set<Kind> systems;

    /**
     * Whether only parts with sections of their own run (messaging, join): their sections
     * then replace the file's.
     */
    private final boolean sectionsOnly;

    private int tags;

    private BenchmarkMain(Env env, int runs, Report report, Path out, Set<Kind> systems, boolean sectionsOnly) {
        this.env = env;
        this.runs = runs;
        this.report = report;
        this.out = out;
        this.systems = systems;
        this.sectionsOnly = sectionsOnly;
    }

    private List<Kind> enabled(Kind... kinds) {
        return Arrays.stream(kinds).filter(systems::contains).toList();
    }

    /** Runs the benchmarks named by {@code --only} (all by default). */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path out = Path.of(options.getOrDefault("out", "RESULTS.md"));
        Env env = new Env(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Files.readString(Path.of(required(options, "classpath-file"))).strip(),
                Path.of(required(options, "erlang-dir")), Path.of(required(options, "log-dir")));
        Files.createDirectories(env.logDir());
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Set<String> parts = new TreeSet<>(
                List.of(options.getOrDefault("only", "formation,processes,failure,overhead,startup,messaging,join")
                    .split(",")));
        Report report = new Report(runs, options.getOrDefault("revision", "unknown"));
        Set<Kind> systems = EnumSet.noneOf(Kind.class);
        for (String name : options.getOrDefault("systems", "ours,erlang,jgroups").split(",")) {
            systems.add(Arrays.stream(Kind.values())
                .filter(kind -> kind.argument().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown system '" + name + "' in --systems: use ours, erlang or jgroups")));
        }
        BenchmarkMain main = new BenchmarkMain(env, runs, report, out, systems,
                Set.of("messaging", "join").containsAll(parts) && Files.exists(out));
        new ProcessBuilder("epmd", "-daemon").inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        report.loadBefore(Machine.load());
        report.messaging.loadBefore(Machine.load());
        report.join.loadBefore(Machine.load());
        if (parts.contains("formation")) {
            main.formation();
        }
        if (parts.contains("processes")) {
            main.processes();
        }
        if (parts.contains("failure")) {
            main.failure();
        }
        if (parts.contains("overhead")) {
            main.overhead();
        }
        if (parts.contains("startup")) {
            main.startup();
        }
        if (parts.contains("messaging")) {
            main.messaging();
        }
        if (parts.contains("join")) {
            main.join();
        }
        report.loadAfter(Machine.load());
        report.messaging.loadAfter(Machine.load());
        report.join.loadAfter(Machine.load());
        main.save();
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + key + " (benchmarks/run.sh passes it)");
        }
        return value;
    }

    /**
     * Formation in one JVM for gen-cluster and JGroups, cold (all started at once) and
     * joining (the last node joins a formed N-1); Erlang nodes are processes, timed from
     * the last node's READY.
     */
    private void formation() throws Exception {
        for (int n : IN_JVM_SIZES) {
            Row cold = report.formation.row(Report.coldLabel(n));
            Row join = report.formation.row(Report.joinLabel(n));
            Row fromFirst = report.formation.row(Report.coldFromFirstLabel(n));
            Row cpu = report.formation.row(Report.coldCpuLabel(n));
            for (Kind kind : enabled(Kind.OURS, Kind.JGROUPS)) {
                TaskResults results = new TaskResults();
                for (int run = 0; run < runs; run++) {
                    progress("formation", kind, n, run);
                    TaskResults one = task(List.of("formation", kind.argument(), String.valueOf(n)),
                            List.of("formation_cold_ms", "formation_cold_from_first_ms", "formation_cold_cpu_ms",
                                    "formation_join_ms"));
                    results.addAll(one);
                    if (one.values("formation_cold_ms").isEmpty() && one.values("formation_join_ms").isEmpty()) {
                        report.failuresSeen.add(kind.title() + " N=" + n + ": no phase converged in run " + (run + 1)
                                + "; the remaining runs were skipped to keep the benchmark within its time");
                        break;
                    }
                }
                cold.put(kind, results.summary("formation_cold_ms"));
                join.put(kind, results.summary("formation_join_ms"));
                fromFirst.put(kind, results.summary("formation_cold_from_first_ms"));
                cpu.put(kind, results.summary("formation_cold_cpu_ms"));
                results.reasons().forEach(reason -> report.failuresSeen.add(kind.title() + " N=" + n + ": " + reason));
            }
            if (systems.contains(Kind.ERLANG)) {
                erlangFormation(n, cold, join);
            }
            save();
        }
    }

    /**
     * Formation with every node in its own process, from the last process's spawn and
     * from its READY.
     */
    private void processes() throws Exception {
        for (int n : PROCESS_SIZES) {
            Row fromSpawnRow = report.processes.row("N = " + n + ", from the last process's spawn");
            Row fromReadyRow = report.processes.row("N = " + n + ", from the last node's start (READY)");
            List<Kind> kinds = report.erlangFromSpawn.containsKey(n) ? List.of(Kind.OURS, Kind.JGROUPS)
                    : List.of(Kind.OURS, Kind.JGROUPS, Kind.ERLANG);
            for (Kind kind : kinds) {
                List<Double> fromSpawn = new ArrayList<>();
                List<Double> fromReady = new ArrayList<>();
                int failed = 0;
                for (int run = 0; run < runs; run++) {
                    progress("processes", kind, n, run);
                    try (ProcessCluster cluster = ProcessCluster.start(env, kind, n, tag(), Heartbeats.DEFAULTS)) {
                        long mesh = cluster.latest("MESH", MESH_TIMEOUT);
                        fromSpawn.add((mesh - cluster.lastSpawnMicros()) / 1e3);
                        fromReady.add((mesh - cluster.latest("READY", MESH_TIMEOUT)) / 1e3);
                    }
                    catch (IllegalStateException ex) {
                        failed++;
                        report.failuresSeen.add(kind.title() + " " + n + " processes: " + ex.getMessage());
                    }
                }
                fromSpawnRow.put(kind, new Summary(fromSpawn, failed));
                fromReadyRow.put(kind, new Summary(fromReady, failed));
            }
            Summary erlangSpawn = report.erlangFromSpawn.get(n);
            if (erlangSpawn != null) {
                fromSpawnRow.put(Kind.ERLANG, erlangSpawn);
            }
            Summary erlangReady = report.erlangFromReady.get(n);
            if (erlangReady != null) {
                fromReadyRow.put(Kind.ERLANG, erlangReady);
            }
            save();
        }
    }

    /**
     * Erlang's formation at one size: its nodes are processes, timed from the last node's
     * READY.
     */
    private void erlangFormation(int n, Row cold, Row join) throws Exception {
        List<Double> coldFromReady = new ArrayList<>();
        List<Double> coldFromSpawn = new ArrayList<>();
        List<Double> joinFromReady = new ArrayList<>();
        int coldFailed = 0;
        int joinFailed = 0;
        for (int run = 0; run < runs; run++) {
            progress("formation", Kind.ERLANG, n, run);
            try (ProcessCluster cluster = ProcessCluster.start(env, Kind.ERLANG, n, tag(), Heartbeats.DEFAULTS)) {
                long mesh = cluster.latest("MESH", MESH_TIMEOUT);
                coldFromReady.add((mesh - cluster.latest("READY", MESH_TIMEOUT)) / 1e3);
                coldFromSpawn.add((mesh - cluster.lastSpawnMicros()) / 1e3);
            }
            catch (IllegalStateException ex) {
                coldFailed++;
                report.failuresSeen.add("Erlang N=" + n + " all at once: " + ex.getMessage());
            }
            try (ProcessCluster cluster = ProcessCluster.prepare(env, Kind.ERLANG, n, tag(), Heartbeats.DEFAULTS)) {
                for (int i = 0; i < n - 1; i++) {
                    cluster.startNext();
                }
                String formed = "PEERS " + (n - 2) + " ";
                cluster.latest(line -> line.startsWith(formed), formed.strip(), MESH_TIMEOUT);
                cluster.startNext();
                long mesh = cluster.latest("MESH", MESH_TIMEOUT);
                long lastReady = ProcessCluster
                    .lastNumber(cluster.nodes().get(n - 1).awaitTag("READY", MESH_TIMEOUT).orElseThrow());
                joinFromReady.add((mesh - lastReady) / 1e3);
            }
            catch (IllegalStateException ex) {
                joinFailed++;
                report.failuresSeen.add("Erlang N=" + n + " last joins: " + ex.getMessage());
            }
            if (coldFailed == run + 1 && joinFailed == run + 1) {
                report.failuresSeen.add("Erlang N=" + n + ": no phase converged in run " + (run + 1)
                        + "; the remaining runs were skipped to keep the benchmark within its time");
                break;
            }
        }
        cold.put(Kind.ERLANG, new Summary(coldFromReady, coldFailed));
        join.put(Kind.ERLANG, new Summary(joinFromReady, joinFailed));
        report.erlangFromSpawn.put(n, new Summary(coldFromSpawn, coldFailed));
        report.erlangFromReady.put(n, new Summary(coldFromReady, coldFailed));
    }

    /**
     * Kills (SIGKILL) or freezes (SIGSTOP) the last of five nodes; times until every
     * survivor reports it gone.
     */
    private void failure() throws Exception {
        Row abrupt = report.failure.row("abrupt close (SIGKILL of a node process)");
        Row silent = report.failure.row("silent peer (SIGSTOP of a node process)");
        FailurePart part = new FailurePart(env, runs, report, this::tag);
        for (Kind kind : enabled(Kind.values())) {
            abrupt.put(kind, part.measure(kind, false));
            silent.put(kind, part.measure(kind, true));
            save();
        }
    }

    /** Idle CPU and bytes per node at N = 10 and 100; memory per link for gen-cluster. */
    private void overhead() throws Exception {
        for (int n : OVERHEAD_SIZES) {
            Row cpu = report.cpu.row("N = " + n);
            Row bytes = report.bytes.row("N = " + n);
            for (Kind kind : List.of(Kind.OURS, Kind.JGROUPS)) {
                progress("overhead", kind, n, 0);
                TaskResults results = task(
                        List.of("overhead", kind.argument(), String.valueOf(n), String.valueOf(runs),
                                String.valueOf(WINDOW_SECONDS)),
                        List.of("cpu_pct_of_core_per_node", "bytes_per_s_per_node"));
                cpu.put(kind, results.summary("cpu_pct_of_core_per_node"));
                bytes.put(kind, results.summary("bytes_per_s_per_node"));
                results.reasons()
                    .forEach(reason -> report.failuresSeen.add(kind.title() + " overhead N=" + n + ": " + reason));
                if (kind == Kind.OURS) {
                    report.memory.put(n, results);
                }
            }
            progress("overhead", Kind.ERLANG, n, 0);
            List<Double> erlangCpu = new ArrayList<>();
            List<Double> erlangBytes = new ArrayList<>();
            try (ProcessCluster cluster = ProcessCluster.start(env, Kind.ERLANG, n, tag(), Heartbeats.DEFAULTS)) {
                cluster.latest("MESH", MESH_TIMEOUT);
                TimeUnit.SECONDS.sleep(3);
                List<Long> pids = cluster.nodes().stream().map(ChildProcess::pid).toList();
                Set<Long> pidSet = Set.copyOf(pids);
                for (int w = 0; w < runs; w++) {
                    long cpu0 = ProcessCpu.of(pids);
                    long bytes0 = SocketBytes.sent(pidSet);
                    long t0 = System.nanoTime();
                    TimeUnit.SECONDS.sleep(WINDOW_SECONDS);
                    double elapsed = System.nanoTime() - t0;
                    erlangCpu.add((ProcessCpu.of(pids) - cpu0) / elapsed / n * 100);
                    erlangBytes.add((SocketBytes.sent(pidSet) - bytes0) / (elapsed / 1e9) / n);
                }
            }
            cpu.put(Kind.ERLANG, new Summary(erlangCpu));
            bytes.put(Kind.ERLANG, new Summary(erlangBytes));
            save();
        }
    }

    /**
     * Start-up of a Spring Boot web app without gen-cluster, with it switched off, and
     * with it on.
     */
    private void startup() throws Exception {
        new StartupPart(env, runs).measure(report.startup);
        save();
    }

    /**
     * A Spring Boot app (Erlang node, JGroups JVM) joining a formed cluster of N − 1
     * processes, at each size.
     */
    private void join() throws Exception {
        JoinPart part = new JoinPart(env, runs, report.join, systems, this::tag);
        for (int n : JoinPart.SIZES) {
            part.measure(n);
            save();
        }
    }

    /**
     * One-way throughput and request/reply latency between two nodes as processes, for
     * each system.
     */
    private void messaging() throws Exception {
        MessagingPart part = new MessagingPart(env, runs, report.messaging);
        for (Kind kind : enabled(Kind.values())) {
            progress("messaging", kind, 2, 0);
            part.measure(kind, tag());
            save();
        }
    }

    /**
     * Runs an {@link InJvmTask} in a fresh JVM and collects its {@code RESULT} and
     * {@code FAILED} lines.
     */
    private TaskResults task(List<String> args, List<String> keys) throws Exception {
        String label = "task-" + String.join("-", args);
        TaskResults results = new TaskResults();
        try (ChildProcess child = ChildProcess.start(label,
                env.javaCommand(InJvmTask.class.getName(), args.toArray(String[]::new)), env.log(label))) {
            child.await(line -> false, Duration.ofMinutes(6));
            child.lines().forEach(results::read);
        }
        if (results.isEmpty()) {
            results.crashed(keys, label + " reported nothing; see " + env.log(label));
        }
        return results;
    }

    /**
     * A word unique to one cluster of this run and to this run among concurrent ones
     * (epmd names).
     */
    private String tag() {
        return "p" + ProcessHandle.current().pid() + "r" + (++tags);
    }

    private void progress(String task, Kind kind, int n, int run) {
        progress(task, kind, n, run, runs);
    }

    /** Prints a progress line for the run's console. */
    static void progress(String task, Kind kind, int n, int run, int runs) {
        System.out.printf("[%s] %s %s N=%d run %d/%d (load %s)%n", java.time.LocalTime.now().withNano(0), task,
                kind.title(), n, run + 1, runs, Machine.load());
    }

    private void save() throws IOException {
        if (!sectionsOnly) {
            String addenda = Files.exists(out) ? Sections.addenda(Files.readString(out)) : "";
            Files.writeString(out, report.markdown() + addenda);
            return;
        }
        String text = Files.readString(out);
        if (!report.messaging.isEmpty()) {
            text = MessagingReport.splice(text, report.messaging.markdown(runs, report.revision()));
        }
        if (!report.join.isEmpty()) {
            text = JoinReport.splice(text, report.join.markdown(runs, report.revision()));
        }
        Files.writeString(out, text);
    }

}
