package io.gencluster.benchmarks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The join part of {@code RESULTS.md}: a node in its own process joining a formed cluster
 * of N − 1 processes, gen-cluster's node a Spring Boot app timed from its
 * {@code ApplicationReadyEvent}, with and without {@code join-before-ready}. The section
 * sits between two markers so that {@code --only join} replaces only it.
 */
final class JoinReport {

    static final String BEGIN = "<!-- join: written by benchmarks/run.sh (all parts, or --only join) -->";

    static final String END = "<!-- end of join -->";

    /**
     * The bound of the "joined when started" goal: last join at most this after ready.
     */
    static final double TARGET_MILLIS = 50;

    final Table joins = Table.of("5. A node process joining a formed cluster of N − 1 processes",
            "ms (negative: before the joining node's ready)", 1);

    final List<String> failures = new ArrayList<>();

    private final String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();

    private String loadBefore = "";

    private String loadAfter = "";

    JoinReport(int[] sizes) {
        for (int n : sizes) {
            for (Wait wait : Wait.values()) {
                joins.row(readyLabel(n, wait));
            }
            for (Wait wait : Wait.values()) {
                joins.row(lastJoinLabel(n, wait));
            }
            for (Wait wait : Wait.values()) {
                joins.row(spawnLabel(n, wait));
            }
        }
        joins.note("gen-cluster: every node is a Spring Boot web app with the starter (`JoinApp`, like the "
                + "`hello-cluster` sample: Tomcat on port 0, static discovery of every node's port on 127.0.0.1, the "
                + "starter's defaults otherwise), each its own JVM. N − 1 of them are started at once and left to "
                + "form their mesh (each has heard N − 2 `PeerJoinedEvent`s); then the joining app's JVM is spawned. "
                + "Each app prints the wall-clock time (µs) in its `ApplicationReadyEvent` listener and in its "
                + "`PeerJoinedEvent` listener.")
            .note("'ready → full mesh on every node': from the joining app's `ApplicationReadyEvent` to the latest "
                    + "of the `PeerJoinedEvent`s that give every node every other (the joining node's last one and "
                    + "each formed node's event for the joining node). 'last join − ready': the joining node's own "
                    + "last `PeerJoinedEvent` minus its `ApplicationReadyEvent`, negative when it was a member of "
                    + "everything before it said it was ready. 'spawn → full mesh': from just before the joining "
                    + "process was spawned (JVM start-up and the whole Spring Boot start included).")
            .note("join-before-ready (`gen-cluster.join-before-ready`, 2 s by default) holds `ApplicationReadyEvent` "
                    + "until the node's first dials to the peers its first discovery found have ended; `=0s` does "
                    + "not wait. Each run forms one cluster of N − 1 and lets two apps join it in turn, one of each "
                    + "setting (the order alternating between runs); the first is killed and every formed node has "
                    + "seen it leave before the second starts, on a port of its own.")
            .note("Erlang: `erl` processes (`bench_node`), N − 1 of them connected to each other, then the joining "
                    + "one; its 'ready' is its runtime being up (READY, printed by its code just before its first "
                    + "`net_kernel:connect_node/1`), full mesh when every node's `nodes()` holds every other. "
                    + "JGroups: plain JVMs (`NodeMain`), 'ready' just before `JChannel.connect()`, full mesh when "
                    + "every view holds N members. Their rows repeat the same runs beside each gen-cluster setting.")
            .note("A ratio is shown only when both medians are positive.");
    }

    static String readyLabel(int n, Wait wait) {
        return "N = " + n + ", joining node's ready → full mesh on every node, " + wait.label();
    }

    static String lastJoinLabel(int n, Wait wait) {
        return "N = " + n + ", joining node's last join − its ready, " + wait.label();
    }

    static String spawnLabel(int n, Wait wait) {
        return "N = " + n + ", joining process's spawn → full mesh on every node, " + wait.label();
    }

    void loadBefore(String load) {
        loadBefore = load;
    }

    void loadAfter(String load) {
        loadAfter = load;
    }

    boolean isEmpty() {
        return joins.rows().stream().allMatch(row -> row.values().isEmpty()) && failures.isEmpty();
    }

    /**
     * The section with its markers.
     * @param runs runs per figure
     * @param revision the commit measured
     */
    String markdown(int runs, String revision) {
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n## A node joining a formed cluster\n\n");
        Sections.measured(out, started, revision, runs, "runs", loadBefore, loadAfter).append(").\n\n");
        out.append(targets());
        out.append(joins.markdown());
        Sections.notes(out, "Runs of this part that did not finish:", failures);
        return out.append(END).append('\n').toString();
    }

    private String targets() {
        StringBuilder out = new StringBuilder("### gen-cluster against its join target\n\n");
        out.append("| target | measured (median, max) | met |\n| --- | --- | --- |\n");
        joins.rows()
            .stream()
            .filter(row -> row.label().contains("last join") && row.label().endsWith(Wait.DEFAULT.label()))
            .forEach(row -> {
                out.append("| ")
                    .append(row.label().substring(0, row.label().indexOf(',')))
                    .append(": the joining Spring Boot app has its last PeerJoinedEvent before its "
                            + "ApplicationReadyEvent, or within ")
                    .append(Summary.number(TARGET_MILLIS, 0))
                    .append(" ms after it (default settings) | ");
                Summary s = row.get(Kind.OURS);
                if (s.samples().isEmpty()) {
                    out.append("not measured | |\n");
                    return;
                }
                out.append(Summary.number(s.median(), 1))
                    .append(" ms, max ")
                    .append(Summary.number(s.max(), 1))
                    .append(" ms | ")
                    .append(s.max() <= TARGET_MILLIS ? "yes"
                            : s.median() <= TARGET_MILLIS ? "median yes, max no" : "**no**")
                    .append(" |\n");
            });
        return out.append('\n').toString();
    }

    /**
     * {@code existing} with its join section replaced by {@code section}; without one,
     * the section goes before the first hand-written addendum, or at the end.
     */
    static String splice(String existing, String section) {
        return Sections.splice(existing, BEGIN, END, section, List.of(Sections.ADDENDUM));
    }

    /** The two settings of {@code gen-cluster.join-before-ready} measured. */
    enum Wait {

        /** The default: wait up to 2 s for the first dials before ready. */
        DEFAULT("join-before-ready 2s (default)", null),

        /** No wait: ready as soon as the context has started. */
        NONE("join-before-ready=0s", "0s");

        private final String label;

        private final String value;

        Wait(String label, String value) {
            this.label = label;
            this.value = value;
        }

        String label() {
            return label;
        }

        /** The property's value on the command line, or null to keep the default. */
        String value() {
            return value;
        }

    }

}
