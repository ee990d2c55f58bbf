package io.gencluster.benchmarks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The messaging part of {@code RESULTS.md}: one-way throughput and request/reply latency
 * between two nodes, with gen-cluster's targets. The section sits between two markers so
 * that a run of only this part ({@code --only messaging}) replaces it in an existing
 * {@code RESULTS.md} and leaves the rest of the file as it was.
 */
final class MessagingReport {

    static final String BEGIN = "<!-- messaging: written by benchmarks/run.sh (all parts, or --only messaging) -->";

    static final String END = "<!-- end of messaging -->";

    final Table throughput = Table.ofRate("4a. One-way throughput, two nodes as separate processes",
            "messages handled by the receiver per second", 0);

    final Table latency = Table.of("4b. Request/reply latency, two nodes as separate processes",
            "µs from sending a request to having its reply (" + MessagingDriver.REQUEST_SIZE
                    + "-byte request, echoed back)",
            1);

    final List<String> failures = new ArrayList<>();

    private final String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();

    private String loadBefore = "";

    private String loadAfter = "";

    MessagingReport(int runs, long warmupMillis, long windowMillis) {
        for (int size : MessagingDriver.SIZES) {
            throughput.row(throughputLabel(size));
        }
        for (int inFlight : MessagingDriver.IN_FLIGHT) {
            latency.row(latencyLabel(inFlight, "p50"));
            latency.row(latencyLabel(inFlight, "p99"));
        }
        throughput.note("Two nodes of each system, each its own process on loopback: gen-cluster two Spring Boot apps "
                + "(no web server) sending with `ClusterTemplate.send` to a `@ClusterListener` method; Erlang two `erl` "
                + "nodes, `{sink, Node} ! Binary` to a registered process; JGroups two JVMs, `JChannel.send` of a "
                + "`BytesMessage` to the other member's receiver (the benchmark's tcp.xml stack, its flow control on).")
            .note("One sender (thread or process) sends one payload size as fast as the system lets it: gen-cluster's "
                    + "sender backs off and retries when a send fails with OUTBOUND_FULL (nothing dropped); Erlang's "
                    + "sender is suspended by the busy distribution buffer; JGroups' blocks in flow control. After a "
                    + warmupMillis + " ms warm-up, the receiver's count of handled messages is read at the ends of "
                    + runs + " consecutive windows of " + windowMillis
                    + " ms, with the receiver's own clock: each window is one sample. Then the sender stops and the "
                    + "harness waits until the receiver has handled every message sent before the next size.");
        latency.note("The same pairs of processes: gen-cluster `ClusterTemplate.request` answered by a "
                + "`@ClusterListener` method returning the payload; Erlang `gen_server:call({echo, Node}, Binary)`; "
                + "JGroups `RpcDispatcher.callRemoteMethodWithFuture` to a method returning its argument (on a second "
                + "channel: JGroups 5's dispatcher drops plain messages).")
            .note("K requests in flight: gen-cluster and JGroups K chains of asynchronous requests (the next leaves "
                    + "when the last reply arrives), Erlang K processes calling in a loop. After a " + warmupMillis
                    + " ms warm-up, the p50 and p99 (nearest rank) of the requests that completed in each of " + runs
                    + " windows of " + windowMillis + " ms: each window is one sample.");
    }

    void loadBefore(String load) {
        loadBefore = load;
    }

    void loadAfter(String load) {
        loadAfter = load;
    }

    boolean isEmpty() {
        return throughput.rows().stream().allMatch(row -> row.values().isEmpty())
                && latency.rows().stream().allMatch(row -> row.values().isEmpty()) && failures.isEmpty();
    }

    /**
     * The section with its markers.
     * @param runs windows per figure
     * @param revision the commit measured
     */
    String markdown(int runs, String revision) {
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n## Messaging between two nodes\n\n");
        Sections.measured(out, started, revision, runs, "windows", loadBefore, loadAfter)
            .append("; ")
            .append(Machine.javaVersion())
            .append(", ")
            .append(Machine.erlangVersion())
            .append(", JGroups ")
            .append(Machine.jgroupsVersion())
            .append(").\n\n");
        out.append(targets());
        out.append(throughput.markdown());
        out.append(latency.markdown());
        Sections.notes(out, "What else the messaging runs reported:", failures);
        return out.append(END).append('\n').toString();
    }

    private String targets() {
        StringBuilder out = new StringBuilder("### gen-cluster against its messaging targets\n\n");
        out.append("| target | gen-cluster (median) | other (median) | met |\n| --- | --- | --- | --- |\n");
        Row oneKb = throughput.rowNamed(throughputLabel(1024));
        target(out, "one-way 1 KB: at least Erlang's rate", oneKb, Kind.ERLANG, 1, true, " msg/s");
        target(out, "one-way 1 KB: at least 2× JGroups' rate", oneKb, Kind.JGROUPS, 2, true, " msg/s");
        target(out, "request/reply p50, 1 in flight: no slower than Erlang's gen_server:call",
                latency.rowNamed(latencyLabel(1, "p50")), Kind.ERLANG, 1, false, " µs");
        target(out, "request/reply p50, 64 in flight: no slower than Erlang's gen_server:call",
                latency.rowNamed(latencyLabel(64, "p50")), Kind.ERLANG, 1, false, " µs");
        return out.append('\n').toString();
    }

    private static void target(StringBuilder out, String what, Row row, Kind other, double factor,
            boolean higherIsBetter, String unit) {
        double ours = row.get(Kind.OURS).median();
        double theirs = row.get(other).median();
        out.append("| ").append(what).append(" | ");
        if (Double.isNaN(ours) || Double.isNaN(theirs)) {
            out.append(Summary.number(ours, 1)).append(" | ").append(Summary.number(theirs, 1));
            out.append(" | not measured |\n");
            return;
        }
        out.append(Summary.number(ours, 1)).append(unit).append(" | ");
        out.append(other.title()).append(' ').append(Summary.number(theirs, 1)).append(unit);
        if (factor != 1) {
            out.append(" (×").append(Summary.number(factor, 0)).append(" = ");
            out.append(Summary.number(theirs * factor, 1)).append(')');
        }
        boolean met = higherIsBetter ? ours >= theirs * factor : ours <= theirs * factor;
        out.append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    static String throughputLabel(int size) {
        return switch (size) {
            case 100 -> "100 B payload";
            case 1024 -> "1 KB payload (1,024 B)";
            case 65536 -> "64 KB payload (65,536 B)";
            default -> size + " B payload";
        };
    }

    static String latencyLabel(int inFlight, String percentile) {
        return inFlight + (inFlight == 1 ? " request" : " requests") + " in flight, " + percentile;
    }

    /**
     * {@code existing} with its messaging section replaced by {@code section}; without
     * one, the section goes before the first hand-written addendum, or at the end.
     */
    static String splice(String existing, String section) {
        return Sections.splice(existing, BEGIN, END, section, List.of(Sections.ADDENDUM));
    }

}
