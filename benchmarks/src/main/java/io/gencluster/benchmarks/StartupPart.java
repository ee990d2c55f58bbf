package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code startup} part of the run: a minimal Spring Boot web app ({@code StartupApp})
 * without gen-cluster, with it switched off, and with it on, each timed from its JVM's
 * spawn to its {@code ApplicationReadyEvent}, interleaved round by round.
 */
final class StartupPart {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Env env;

    private final int runs;

    StartupPart(Env env, int runs) {
        this.env = env;
        this.runs = runs;
    }

    /** Runs 2 × runs rounds and files each variant's times under its label. */
    void measure(Map<String, Summary> into) throws InterruptedException {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int run = 0; run < 2 * runs; run++) {
            for (Variant variant : Variant.values()) {
                BenchmarkMain.progress("startup-" + variant.name().toLowerCase(), Kind.OURS, 1, run / 2, runs);
                List<Integer> ports = FreePorts.take(2);
                List<String> command = variant.command(env, ports.get(0), ports.get(1));
                try (ChildProcess app = ChildProcess.start("startup-" + variant, command,
                        env.log("startup-" + variant))) {
                    String line = app.awaitTag("STARTED", START_TIMEOUT)
                        .orElseThrow(
                                () -> new IllegalStateException("The Spring Boot app did not start: " + app.lines()));
                    samples.computeIfAbsent(variant.label(), key -> new ArrayList<>())
                        .add((ProcessCluster.lastNumber(line) - app.spawnedAtMicros()) / 1e3);
                }
            }
        }
        samples.forEach((label, values) -> into.put(label, new Summary(values)));
    }

    /** The three ways the start-up app runs. */
    private enum Variant {

        ABSENT("without gen-cluster on the classpath"), OFF("gen-cluster on the classpath, gen-cluster.enabled=false"),
        ON("gen-cluster on, static discovery of 2 nodes");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        List<String> command(Env env, int port, int otherPort) {
            String main = "io.gencluster.benchmarks.startup.StartupApp";
            return switch (this) {
                case ABSENT -> env.javaCommandWith(env.classpathWithoutGenCluster(), main, "--server.port=0");
                case OFF -> env.javaCommand(main, "--server.port=0", "--gen-cluster.enabled=false");
                case ON -> env.javaCommand(main, "--server.port=0", "--gen-cluster.discovery.strategy=static",
                        "--gen-cluster.discovery.static.nodes=127.0.0.1:" + port + ",127.0.0.1:" + otherPort,
                        "--gen-cluster.transport.port=" + port, "--gen-cluster.transport.bind-address=127.0.0.1",
                        "--gen-cluster.transport.cookie=" + OursNode.COOKIE);
            };
        }

    }

}
