package io.gencluster.benchmarks;

import java.time.Duration;

/**
 * The failure-detection settings every system runs with, matched to each other: gen-cluster's
 * heartbeat interval and timeout, Erlang's {@code net_ticktime} (ticks every quarter of it) and
 * JGroups' {@code FD_ALL3} interval and timeout.
 */
public final class Heartbeats {

    /** How long a gen-cluster link may stay idle before a heartbeat; also JGroups' FD_ALL3 interval. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    /** How long a gen-cluster link may be silent before it is dead; Erlang's net_ticktime; FD_ALL3's timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Erlang's {@code net_ticktime} in seconds: the timeout, so ticks go every {@code TIMEOUT / 4} = the interval. */
    public static final long NET_TICKTIME_SECONDS = TIMEOUT.toSeconds();

    /** JGroups' VERIFY_SUSPECT2 timeout: one heartbeat interval, so a suspicion is confirmed as fast as a heartbeat. */
    public static final Duration VERIFY_SUSPECT = INTERVAL;

    /** The refresh interval of gen-cluster nodes (also the retry period of a dial that failed). */
    public static final Duration REFRESH = Duration.ofMillis(500);

    private Heartbeats() {
    }

    /** A one-line description for the results. */
    public static String describe() {
        return "gen-cluster heartbeat-interval " + INTERVAL.toMillis() + " ms, heartbeat-timeout " + TIMEOUT.toMillis()
                + " ms, refresh-interval " + REFRESH.toMillis() + " ms; Erlang net_ticktime " + NET_TICKTIME_SECONDS
                + " s (tick every " + INTERVAL.toMillis() + " ms, down after " + (TIMEOUT.toMillis() * 3 / 4) + "-"
                + (TIMEOUT.toMillis() * 5 / 4) + " ms of silence); JGroups FD_ALL3 interval " + INTERVAL.toMillis()
                + " ms, timeout " + TIMEOUT.toMillis() + " ms, VERIFY_SUSPECT2 timeout " + VERIFY_SUSPECT.toMillis()
                + " ms, FD_SOCK2 for closed sockets";
    }
}
