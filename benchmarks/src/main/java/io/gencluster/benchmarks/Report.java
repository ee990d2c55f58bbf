package io.gencluster.benchmarks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Everything measured so far, and how it reads as {@code RESULTS.md}. */
final class Report {

    final Table formation = Table
        .of("1. Formation, N nodes in one JVM", "ms from the last node's start to full mesh on every node", 1)
        .note("gen-cluster and JGroups: N nodes in one JVM on loopback with static discovery (gen-cluster: "
                + "StaticDiscovery of all N ports; JGroups: TCPPING listing all N ports). The clock starts at the last "
                + "node's start() (JGroups: connect()) and stops when every node has published PeerJoinedEvent for "
                + "every other node (JGroups: every node's view holds N members). All gen-cluster nodes dial from "
                + "127.0.0.1, where a deployment has an address per node, so their bound on handshakes per source "
                + "address is raised to the bound in all (256).")
        .note("'All started at once': each run is a fresh JVM (cold, as in a deployment: class loading and JIT are "
                + "part of the figure) and the N nodes are started one right after the other, so the first N-1 are "
                + "usually still linking up when the last starts. 'Last joins': then, in the same (now warm) JVM, N-1 "
                + "new nodes are started and left to form their mesh, and only then the last node starts: the time a "
                + "node takes to join a formed cluster and be seen by all.")
        .note("Erlang cannot run N nodes in one VM: its nodes are N `erl` processes; the clock starts when the last "
                + "node's runtime is up (READY, just before its first net_kernel:connect_node/1) and stops when every "
                + "node is connected to every other (nodes/0). Its time from the last process's spawn is in table 1b.")
        .note("JGroups runs its tcp.xml stack on the TCP transport up to " + JGroupsStack.MAX_TCP_NODES
                + " nodes and on "
                + "TCP_NIO2 (the same stack on NIO) above: plain TCP runs a receiver thread per connection, about "
                + "10,000 threads for 100 nodes in one JVM.")
        .note("JGroups' connect() returns only once the node is a member, so its nodes always start one after the "
                + "other; its 'all at once' differs from 'last joins' mainly by the cold JVM.")
        .note("Settings: " + Heartbeats.DEFAULTS.describe() + " (failure detection runs with shorter ones, below).");

    final Table processes = Table.of("1b. Formation, N nodes as separate processes", "ms to full mesh on every node", 1)
        .note("Every node is its own JVM (a plain Java main, not Spring Boot) or `erl` process, all spawned one "
                + "right after the other. 'From spawn' includes JVM or BEAM start-up; 'from READY' starts when the "
                + "last node's runtime is up and it is about to start its cluster node.");

    final Table failure = Table.of("2. Failure detection, 5 nodes as separate processes",
            "ms from the fault to the last survivor's PeerLeftEvent (JGroups: view without the node; Erlang: nodedown)",
            1);

    final Table cpu = Table.of("3a. Idle CPU per node (heartbeats and housekeeping)", "% of one core per node", 3)
        .note("Idle full mesh, measured over 5 s windows after a 3 s settle. gen-cluster and JGroups: the CPU time of "
                + "the whole JVM holding all N nodes, divided by N (so JVM background work, GC and JIT, is "
                + "included: an upper bound). Erlang: the CPU time of the N `erl` processes (clock-tick resolution, "
                + "10 ms per process per window), divided by N.")
        .note("Settings: " + Heartbeats.DEFAULTS.describe() + ". gen-cluster's idle work also includes its "
                + "refresh every " + Heartbeats.DEFAULTS.refresh().toMillis() + " ms (discovery + nothing to dial).");

    final Table bytes = Table.of("3b. Idle bytes sent per node",
            "bytes per second per node (TCP payload, from the kernel's bytes_sent)", 1);

    final Map<Integer, Summary> erlangFromSpawn = new TreeMap<>();

    final Map<Integer, Summary> erlangFromReady = new TreeMap<>();

    final Map<String, String> failureReasons = new LinkedHashMap<>();

    final Map<Integer, TaskResults> memory = new TreeMap<>();

    final List<String> failuresSeen = new java.util.ArrayList<>();

    final Map<String, Summary> startup = new LinkedHashMap<>();

    final MessagingReport messaging;

    final JoinReport join = new JoinReport(JoinPart.SIZES);

    private final int runs;

    private final String revision;

    private final String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();

    private String loadBefore = "";

    private String loadAfter = "";

    Report(int runs, String revision) {
        this.runs = runs;
        this.revision = revision;
        this.messaging = new MessagingReport(runs, MessagingPart.WARMUP_MILLIS, MessagingPart.WINDOW_MILLIS);
        failure.note("Five nodes of each system form a mesh as separate processes; one second later the last one is "
                + "killed with SIGKILL (the kernel closes its sockets; nothing says goodbye) or frozen with SIGSTOP "
                + "(its sockets stay open; only silence tells). The clock starts just before the signal and stops at "
                + "the wall-clock time the last of the four survivors reported the node gone.");
        failure.note("Settings: " + Heartbeats.DETECTION.describe() + ".");
        failure.note("Targets for gen-cluster: abrupt close within 50 ms; silence within heartbeat-timeout + one "
                + "heartbeat-interval = "
                + Heartbeats.DETECTION.timeout().plus(Heartbeats.DETECTION.interval()).toMillis() + " ms.");
    }

    static String coldLabel(int n) {
        return "N = " + n + ", all started at once";
    }

    /**
     * All started at once, timed from the first node's start: the links that formed
     * meanwhile count.
     */
    static String coldFromFirstLabel(int n) {
        return "N = " + n + ", all started at once, from the first start";
    }

    /**
     * The CPU time of the whole JVM (ms) from the first node's start to the full mesh.
     */
    static String coldCpuLabel(int n) {
        return "N = " + n + ", all started at once, CPU ms from the first start";
    }

    static String joinLabel(int n) {
        return "N = " + n + ", last joins a formed N-1";
    }

    String revision() {
        return revision;
    }

    void loadBefore(String load) {
        loadBefore = load;
    }

    void loadAfter(String load) {
        loadAfter = load;
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# gen-cluster benchmarks: results\n\n");
        out.append("Written by `benchmarks/run.sh` (")
            .append(runs)
            .append(" runs per figure), started ")
            .append(started)
            .append(". Do not edit by hand: run the script again.\n\n");
        out.append("## Machine and versions\n\n");
        out.append("| | |\n| --- | --- |\n");
        out.append("| CPU | ").append(Machine.cpuModel()).append(" |\n");
        out.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        out.append("| memory | ").append(Machine.memory()).append(" |\n");
        out.append("| load average (1, 5, 15 min) before / after | ")
            .append(loadBefore)
            .append(" / ")
            .append(loadAfter.isEmpty() ? Machine.load() : loadAfter)
            .append(" |\n");
        out.append("| Java | ").append(Machine.javaVersion()).append(" |\n");
        out.append("| Erlang/OTP | ").append(Machine.erlangVersion()).append(" |\n");
        out.append("| JGroups | ").append(Machine.jgroupsVersion()).append(" |\n");
        out.append("| gen-cluster | 0.1.0-SNAPSHOT, commit ").append(revision).append(" |\n");
        out.append("| settings for formation and overhead | ").append(Heartbeats.DEFAULTS.describe()).append(" |\n");
        out.append("| settings for failure detection | ").append(Heartbeats.DETECTION.describe()).append(" |\n\n");
        out.append("A load average above the core count means other work shared the machine during the run: "
                + "the figures are then noisier and slower than on an idle machine.\n\n");
        out.append(headline());
        out.append(targets());
        out.append("## All figures\n\n");
        out.append(formation.markdown());
        out.append(processes.markdown());
        out.append(failure.markdown());
        if (!failureReasons.isEmpty()) {
            out.append("Reasons the survivors gave (count over all runs and survivors): ");
            failureReasons.forEach((key, value) -> out.append(key).append(": ").append(value).append("; "));
            out.append("\n\n");
        }
        out.append(cpu.markdown());
        out.append(bytes.markdown());
        out.append(memoryMarkdown());
        out.append(startupMarkdown());
        if (!failuresSeen.isEmpty()) {
            out.append("### Runs that did not finish\n\n");
            failuresSeen.forEach(failure -> out.append("- ")
                .append(failure.length() > 400 ? failure.substring(0, 400) + "…" : failure)
                .append('\n'));
            out.append('\n');
        }
        if (!messaging.isEmpty()) {
            out.append(messaging.markdown(runs, revision));
        }
        if (!join.isEmpty()) {
            out.append(join.markdown(runs, revision));
        }
        return out.toString();
    }

    private String headline() {
        Table head = Table.of("Headline (medians with min / max)", "see each row", 1);
        copy(formation, coldLabel(10), head, "formation, 10 nodes in one JVM, all started at once (ms)");
        copy(formation, joinLabel(10), head, "formation, 10 nodes in one JVM, last joins (ms)");
        copy(formation, coldLabel(100), head, "formation, 100 nodes in one JVM, all started at once (ms)");
        copy(formation, joinLabel(100), head, "formation, 100 nodes in one JVM, last joins (ms)");
        copy(processes, "N = 10, from the last process's spawn", head,
                "formation, 10 processes, from the last spawn (ms)");
        copy(join.joins, JoinReport.readyLabel(10, JoinReport.Wait.DEFAULT), head,
                "a Spring Boot app joins a formed 9: its ready → full mesh on every node (ms)");
        copy(join.joins, JoinReport.lastJoinLabel(10, JoinReport.Wait.DEFAULT), head,
                "a Spring Boot app joins a formed 9: its last join − its ready (ms)");
        copy(failure, "abrupt close (SIGKILL of a node process)", head, "abrupt close seen by all survivors (ms)");
        copy(failure, "silent peer (SIGSTOP of a node process)", head, "silent peer seen by all survivors (ms)");
        copy(cpu, "N = 100", head, "idle CPU per node at N = 100 (% of one core)");
        copy(bytes, "N = 100", head, "idle bytes/s per node at N = 100");
        return head.markdown().replaceFirst("### ", "## ");
    }

    private static void copy(Table from, String label, Table to, String newLabel) {
        from.rows()
            .stream()
            .filter(row -> row.label().equals(label))
            .findFirst()
            .ifPresent(row -> to.rows().add(new Row(newLabel, row.values())));
    }

    private String targets() {
        StringBuilder out = new StringBuilder("## gen-cluster against its targets\n\n");
        out.append("| target | measured (median, max) | met |\n| --- | --- | --- |\n");
        target(out, "10 nodes in one JVM form within 150 ms of the last start (all started at once, cold JVM)",
                value(formation, coldLabel(10)), 150, " ms");
        target(out, "10 nodes in one JVM form within 100 ms of the last start (last joins, warm JVM)",
                value(formation, joinLabel(10)), 100, " ms");
        target(out, "100 nodes in one JVM form within 500 ms of the last start (all started at once, cold JVM)",
                value(formation, coldLabel(100)), 500, " ms");
        target(out, "a node joins a formed 99 in one JVM within 100 ms (last joins, warm JVM)",
                value(formation, joinLabel(100)), 100, " ms");
        for (int n : new int[] { 3, 10 }) {
            String label = "N = " + n + ", from the last node's start (READY)";
            double limit = 2 * median(processes, label, Kind.ERLANG);
            target(out, n + " processes form within 2× Erlang's time from the last node's READY (" + shown(limit, " ms")
                    + ")", value(processes, label), limit, " ms");
        }
        target(out, "abrupt close seen within 20 ms", value(failure, "abrupt close (SIGKILL of a node process)"), 20,
                " ms");
        target(out, "silence seen within heartbeat-timeout + heartbeat-interval",
                value(failure, "silent peer (SIGSTOP of a node process)"),
                Heartbeats.DETECTION.timeout().plus(Heartbeats.DETECTION.interval()).toMillis(), " ms");
        target(out, "heartbeats under 0.5% of one core at 100 peers (whole idle JVM ÷ N)", value(cpu, "N = 100"), 0.5,
                " %");
        double erlangBytes = median(bytes, "N = 100", Kind.ERLANG);
        target(out, "idle bytes per node at N = 100 no more than Erlang's (" + shown(erlangBytes, " B/s") + ")",
                value(bytes, "N = 100"), erlangBytes, " B/s");
        Summary added = addedStartup();
        target(out, "under 50 ms added to a Spring Boot app's start (on − absent)", Optional.ofNullable(added), 50,
                " ms");
        return out.append('\n').toString();
    }

    private static void target(StringBuilder out, String what, Optional<Summary> measured, double limit, String unit) {
        out.append("| ").append(what).append(" | ");
        if (measured.isEmpty() || measured.get().samples().isEmpty()) {
            out.append("not measured | |\n");
            return;
        }
        if (Double.isNaN(limit)) {
            out.append("not compared: the other system's figure is missing | |\n");
            return;
        }
        Summary s = measured.get();
        out.append(Summary.number(s.median(), 3))
            .append(unit)
            .append(", max ")
            .append(Summary.number(s.max(), 3))
            .append(unit)
            .append(" | ");
        out.append(s.max() <= limit ? "yes" : s.median() <= limit ? "median yes, max no" : "**no**").append(" |\n");
    }

    private static String shown(double limit, String unit) {
        return Double.isNaN(limit) ? "no Erlang figure" : Summary.number(limit, 1) + unit;
    }

    /** A system's median in a row; NaN when it was not measured. */
    private static double median(Table table, String label, Kind kind) {
        return table.rows()
            .stream()
            .filter(row -> row.label().equals(label))
            .findFirst()
            .map(row -> row.get(kind).median())
            .orElse(Double.NaN);
    }

    private static Optional<Summary> value(Table table, String label) {
        return table.rows()
            .stream()
            .filter(row -> row.label().equals(label))
            .findFirst()
            .map(row -> row.get(Kind.OURS));
    }

    /**
     * On − absent, per run (runs were interleaved, so run i of each variant ran side by
     * side).
     */
    private Summary addedStartup() {
        List<Summary> all = List.copyOf(startup.values());
        if (all.size() < 3) {
            return null;
        }
        List<Double> absent = all.get(0).samples();
        List<Double> on = all.get(2).samples();
        return new Summary(java.util.stream.IntStream.range(0, Math.min(absent.size(), on.size()))
            .mapToObj(i -> on.get(i) - absent.get(i))
            .toList());
    }

    private String memoryMarkdown() {
        if (memory.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("### 3c. gen-cluster memory per link\n\n");
        out.append("N nodes in one JVM started with discovery held back (no links), heap measured after GC; then "
                + "discovery let go, full mesh, GC, measured again. The difference divided by N×(N−1) link ends "
                + "(each link has an end in each of its two nodes). Direct memory: the JDK's direct buffer pool plus "
                + "Netty's own counter.\n\n");
        out.append("| N | heap bytes per link end | direct bytes per link end | threads per node (after) |\n");
        out.append("| --- | --- | --- | --- |\n");
        memory.forEach((n, results) -> out.append("| ")
            .append(n)
            .append(" | ")
            .append(first(results, "heap_bytes_per_link_end"))
            .append(" | ")
            .append(first(results, "direct_bytes_per_link_end"))
            .append(" | ")
            .append(first(results, "threads_per_node"))
            .append(" |\n"));
        return out.append('\n').toString();
    }

    private static String first(TaskResults results, String key) {
        List<Double> values = results.values(key);
        return values.isEmpty() ? "n/a" : Summary.number(values.get(0), 0);
    }

    private String startupMarkdown() {
        if (startup.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("### 3d. Spring Boot start-up with and without gen-cluster\n\n");
        out.append("A minimal Spring Boot web app (Tomcat, port 0), its JVM spawned and timed until "
                + "ApplicationReadyEvent, " + (2 * runs) + " rounds "
                + "(web server up, lifecycle beans started, gen-cluster's listening port open "
                + "and its first refresh submitted). The variants ran interleaved, one of each per round.\n\n");
        out.append("| variant | min / median / max, ms |\n| --- | --- |\n");
        startup.forEach((label,
                summary) -> out.append("| ").append(label).append(" | ").append(summary.format(1)).append(" |\n"));
        Summary added = addedStartup();
        if (added != null) {
            out.append("| added by gen-cluster (on − absent, per round) | ").append(added.format(1)).append(" |\n");
        }
        return out.append('\n').toString();
    }

}
