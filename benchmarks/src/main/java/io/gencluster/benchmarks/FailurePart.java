package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code failure} part of the run: five nodes of a system as separate processes form
 * a mesh; one second later the last is killed (SIGKILL) or frozen (SIGSTOP), and the time
 * until every survivor has reported it gone is one sample.
 */
final class FailurePart {

    private static final int FAILURE_SIZE = 5;

    private static final Duration MESH_TIMEOUT = Duration.ofSeconds(60);

    private final Env env;

    private final int runs;

    private final Report report;

    private final Supplier<String> tags;

    FailurePart(Env env, int runs, Report report, Supplier<String> tags) {
        this.env = env;
        this.runs = runs;
        this.report = report;
        this.tags = tags;
    }

    /**
     * Runs one system's fault, {@code runs} times, and files the survivors' reasons.
     * @param kind the system
     * @param silent SIGSTOP (a silent peer) rather than SIGKILL (an abrupt close)
     * @return the times from the fault to the last survivor's report
     */
    Summary measure(Kind kind, boolean silent) throws InterruptedException {
        List<Double> samples = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int failed = 0;
        long flaps = 0;
        for (int run = 0; run < runs; run++) {
            BenchmarkMain.progress(silent ? "failure-silent" : "failure-abrupt", kind, FAILURE_SIZE, run, runs);
            try (ProcessCluster cluster = ProcessCluster.start(env, kind, FAILURE_SIZE, tags.get(),
                    Heartbeats.DETECTION)) {
                cluster.latest("MESH", MESH_TIMEOUT);
                TimeUnit.SECONDS.sleep(1);
                flaps += cluster.nodes()
                    .stream()
                    .mapToLong(node -> node.lines().stream().filter(line -> line.startsWith("LEFT ")).count())
                    .sum();
                ChildProcess victim = cluster.nodes().get(FAILURE_SIZE - 1);
                String victimName = cluster.name(FAILURE_SIZE - 1);
                long at = WallClock.micros();
                if (silent) {
                    victim.signal("STOP");
                }
                else {
                    victim.killNow();
                }
                long latest = 0;
                for (ChildProcess survivor : cluster.nodes().subList(0, FAILURE_SIZE - 1)) {
                    Optional<String> left = survivor
                        .await(line -> line.startsWith("LEFT ") && ProcessCluster.leftPeer(line).equals(victimName)
                                && ProcessCluster.lastNumber(line) >= at, Duration.ofSeconds(30));
                    if (left.isEmpty()) {
                        throw new IllegalStateException(survivor.label() + " never saw " + victimName + " leave");
                    }
                    latest = Math.max(latest, ProcessCluster.lastNumber(left.get()));
                    reasons.merge(ProcessCluster.leftReason(left.get()), 1, Integer::sum);
                }
                samples.add((latest - at) / 1e3);
            }
            catch (IllegalStateException ex) {
                failed++;
                report.failuresSeen.add(kind.title() + (silent ? " silent: " : " abrupt: ") + ex.getMessage());
            }
        }
        report.failureReasons.put(kind.title() + (silent ? ", silent" : ", abrupt"), reasons
                + (flaps == 0 ? "" : ", and " + flaps + " leave(s) before the fault (links that flapped under load)"));
        return new Summary(samples, failed);
    }

}
