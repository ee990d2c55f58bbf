package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * The {@code messaging} part of the run: for each system, a server and a client process
 * on loopback; the client measures ({@link MessagingDriver}, {@code bench_msg.erl}) and
 * its {@code RESULT} lines fill {@link MessagingReport}.
 */
final class MessagingPart {

    /** How long each figure runs before its first window. */
    static final long WARMUP_MILLIS = 2000;

    /** How long one window (one sample) is. */
    static final long WINDOW_MILLIS = 1000;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final String APP = "io.gencluster.benchmarks.messaging.MessagingApp";

    private final Env env;

    private final int runs;

    private final MessagingReport report;

    MessagingPart(Env env, int runs, MessagingReport report) {
        this.env = env;
        this.runs = runs;
        this.report = report;
    }

    /** Measures one system and files its figures. */
    void measure(Kind kind, String tag) throws InterruptedException {
        TaskResults results = pair(kind, tag);
        for (int size : MessagingDriver.SIZES) {
            report.throughput.rowNamed(MessagingReport.throughputLabel(size))
                .put(kind, results.summary("oneway_" + size + "_per_s"));
            List<Double> refused = results.values("oneway_" + size + "_refused");
            if (!refused.isEmpty()) {
                report.failures.add(String.format(java.util.Locale.ROOT,
                        "%s, %d B: the link refused %.0f sends with OUTBOUND_FULL; the sender paused and retried "
                                + "each",
                        kind.title(), size, refused.get(0)));
            }
            List<Double> dropped = results.values("oneway_" + size + "_dropped");
            List<Double> sent = results.values("oneway_" + size + "_sent");
            if (!dropped.isEmpty() && !sent.isEmpty()) {
                report.failures.add(String.format(java.util.Locale.ROOT,
                        "%s, %d B: the receiver dropped %.0f of the %.0f messages sent (%.1f%%), its topic queue "
                                + "full; the rate counts only those handled",
                        kind.title(), size, dropped.get(0), sent.get(0), 100 * dropped.get(0) / sent.get(0)));
            }
        }
        for (int inFlight : MessagingDriver.IN_FLIGHT) {
            for (String percentile : List.of("p50", "p99")) {
                report.latency.rowNamed(MessagingReport.latencyLabel(inFlight, percentile))
                    .put(kind, results.summary("rr_" + inFlight + "_" + percentile + "_us"));
            }
        }
        results.reasons().forEach(reason -> report.failures.add(kind.title() + ": " + reason));
    }

    private TaskResults pair(Kind kind, String tag) throws InterruptedException {
        List<List<String>> commands = commands(kind, tag);
        String label = "messaging-" + kind.argument();
        TaskResults results = new TaskResults();
        try (ChildProcess server = ChildProcess.start(label + "-server", commands.get(0), env.log(label + "-server"))) {
            if (server.awaitTag("READY", READY_TIMEOUT).isEmpty()) {
                results.crashed(List.of("oneway"), "the server did not start within " + READY_TIMEOUT + "; see "
                        + env.log(label + "-server") + "; it printed " + server.lines());
                return results;
            }
            try (ChildProcess client = ChildProcess.start(label + "-client", commands.get(1),
                    env.log(label + "-client"))) {
                Duration budget = READY_TIMEOUT
                    .plus(Duration.ofMillis((MessagingDriver.SIZES.length + MessagingDriver.IN_FLIGHT.length)
                            * (WARMUP_MILLIS + runs * WINDOW_MILLIS + 30_000)));
                if (client.awaitTag("DONE", budget).isEmpty()) {
                    results.crashed(List.of("oneway"),
                            "the client did not finish within " + budget + "; see " + env.log(label + "-client"));
                }
                client.lines().forEach(results::read);
            }
        }
        return results;
    }

    private List<List<String>> commands(Kind kind, String tag) {
        String warmup = String.valueOf(WARMUP_MILLIS);
        String windows = String.valueOf(runs);
        String window = String.valueOf(WINDOW_MILLIS);
        return switch (kind) {
            case ERLANG -> List.of(env.erlangMessagingCommand(tag + "s", "server"),
                    env.erlangMessagingCommand(tag + "c", "client", tag + "s@127.0.0.1", warmup, windows, window));
            case JGROUPS -> {
                List<Integer> ports = FreePorts.take(4);
                String data = ports.get(0) + "," + ports.get(1);
                String rpc = ports.get(2) + "," + ports.get(3);
                yield List.of(
                        env.javaCommand(JGroupsMessaging.class.getName(), "server", tag + "s",
                                String.valueOf(ports.get(0)), String.valueOf(ports.get(2)), data, rpc),
                        env.javaCommand(JGroupsMessaging.class.getName(), "client", tag + "c",
                                String.valueOf(ports.get(1)), String.valueOf(ports.get(3)), data, rpc, warmup, windows,
                                window));
            }
            case OURS -> {
                List<Integer> ports = FreePorts.take(2);
                yield List.of(env.javaCommand(APP, ours(tag + "s", ports, 0, "server")),
                        env.javaCommand(APP, ours(tag + "c", ports, 1, "client", "--bench.warmup-ms=" + warmup,
                                "--bench.windows=" + windows, "--bench.window-ms=" + window)));
            }
        };
    }

    private static String[] ours(String name, List<Integer> ports, int index, String role, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--bench.role=" + role,
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--gen-cluster.node-name=" + name, "--gen-cluster.discovery.strategy=static",
                "--gen-cluster.discovery.static.nodes=127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1),
                "--gen-cluster.transport.port=" + ports.get(index), "--gen-cluster.transport.bind-address=127.0.0.1",
                "--gen-cluster.transport.cookie=" + OursNode.COOKIE));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

}
