package io.gencluster.benchmarks;

import java.time.Duration;

/**
 * Failure-detection settings every system runs with, matched to each other: gen-cluster's
 * heartbeat interval, heartbeat timeout and refresh interval, Erlang's
 * {@code net_ticktime} (the timeout; ticks every quarter of it) and JGroups'
 * {@code FD_ALL3} interval and timeout.
 *
 * @param name how the settings are passed to a node's process
 * @param interval how long a gen-cluster link may stay idle before a heartbeat; JGroups'
 * FD_ALL3 interval
 * @param timeout how long a link may be silent before it is dead; Erlang's net_ticktime;
 * FD_ALL3's timeout
 * @param refresh gen-cluster's refresh interval (also the retry period of a dial that
 * failed)
 */
public record Heartbeats(String name, Duration interval, Duration timeout, Duration refresh) {

    /**
     * gen-cluster's defaults (2.5 s, 10 s, refresh 5 s), and the same interval and
     * timeout for the others: what formation and overhead run with, as a deployment
     * would.
     */
    public static final Heartbeats DEFAULTS = new Heartbeats("defaults", Duration.ofMillis(2500),
            Duration.ofSeconds(10), Duration.ofSeconds(5));

    /**
     * Short settings, so that a silent peer is seen within seconds: what failure
     * detection runs with.
     */
    public static final Heartbeats DETECTION = new Heartbeats("detection", Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofMillis(500));

    /** The settings of that name. */
    public static Heartbeats named(String name) {
        return name.equals(DEFAULTS.name) ? DEFAULTS : DETECTION;
    }

    /**
     * Erlang's {@code net_ticktime} in seconds: the timeout, so ticks go every quarter of
     * it.
     */
    public long netTicktimeSeconds() {
        return timeout.toSeconds();
    }

    /**
     * JGroups' VERIFY_SUSPECT2 timeout: one heartbeat interval, so a suspicion is
     * confirmed as fast as a heartbeat.
     */
    public Duration verifySuspect() {
        return interval;
    }

    /** A one-line description for the results. */
    public String describe() {
        return "gen-cluster heartbeat-interval " + interval.toMillis() + " ms, heartbeat-timeout " + timeout.toMillis()
                + " ms, refresh-interval " + refresh.toMillis() + " ms; Erlang net_ticktime " + netTicktimeSeconds()
                + " s (tick every " + timeout.toMillis() / 4 + " ms, down after " + (timeout.toMillis() * 3 / 4) + "-"
                + (timeout.toMillis() * 5 / 4) + " ms of silence); JGroups FD_ALL3 interval " + interval.toMillis()
                + " ms, timeout " + timeout.toMillis() + " ms, VERIFY_SUSPECT2 timeout " + verifySuspect().toMillis()
                + " ms, FD_SOCK2 for closed sockets";
    }
}
