package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;

/**
 * Counts each peer's leaves within the {@link FlapPolicy} window and marks it flapping at
 * the threshold (one WARN), stable again once it has not left for a whole window (one
 * INFO). While it flaps, each leave sets a hold-off before it is dialled again, doubling
 * from {@code initialHoldOff} up to the window, with jitter.
 * <p>
 * Bounded: at most {@link #MAX_TRACKED} peers are counted at once (every one of them
 * passed the handshake, so only a cluster of that size reaches it). Thread-safe: its
 * methods hold its own lock and call nothing outside it.
 */
final class FlapWatch {

    static final int MAX_TRACKED = 4096;

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final FlapPolicy policy;

    private final Clock clock;

    private final ReconnectBackoff holdOff;

    private final Map<String, Record> peers = new LinkedHashMap<>();

    FlapWatch(FlapPolicy policy, Duration initialHoldOff, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        Duration initial = initialHoldOff.compareTo(policy.window()) < 0 ? initialHoldOff : policy.window();
        this.holdOff = new ReconnectBackoff(initial, policy.window());
    }

    /** A peer left: counts it, and marks it flapping at the threshold. */
    synchronized void left(ClusterNode node) {
        Instant now = clock.instant();
        expire();
        Record record = peers.get(node.id());
        if (record == null) {
            if (peers.size() >= MAX_TRACKED) {
                return;
            }
            record = new Record();
            peers.put(node.id(), record);
        }
        record.leaves.addLast(now);
        int count = record.leaves.size();
        if (count < policy.leaves()) {
            return;
        }
        Duration hold = holdOff.delayAfter(count - policy.leaves() + 1, ThreadLocalRandom.current()::nextDouble);
        record.redialAfter = now.plus(hold);
        if (record.since == null) {
            record.since = now;
            log.warn("Peer {} is flapping: it left {} times within {}; it is dialled again after a growing hold-off"
                    + " ({} ms now)", node, count, policy.window(), hold.toMillis());
        }
    }

    /**
     * Forgets leaves older than the window; a flapping peer without any is stable again.
     */
    synchronized void expire() {
        Instant horizon = clock.instant().minus(policy.window());
        for (Iterator<Map.Entry<String, Record>> entries = peers.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<String, Record> entry = entries.next();
            Deque<Instant> leaves = entry.getValue().leaves;
            Instant last = leaves.peekLast();
            while (!leaves.isEmpty() && !leaves.peekFirst().isAfter(horizon)) {
                leaves.removeFirst();
            }
            if (leaves.isEmpty()) {
                if (entry.getValue().since != null) {
                    log.info("Peer {} is stable again: it has not left since {}", entry.getKey(), last);
                }
                entries.remove();
            }
        }
    }

    /** When a flapping peer may be dialled again, if it is flapping. */
    synchronized Optional<Instant> redialAfter(String id) {
        Record record = peers.get(id);
        return record == null || record.since == null ? Optional.empty() : Optional.of(record.redialAfter);
    }

    /**
     * The flapping peers, in the order they were first counted; those stable for a whole
     * window are no longer.
     */
    synchronized List<FlappingPeer> flapping() {
        expire();
        return peers.entrySet()
            .stream()
            .filter(entry -> entry.getValue().since != null)
            .map(entry -> entry.getValue().view(entry.getKey()))
            .toList();
    }

    private static final class Record {

        private final Deque<Instant> leaves = new ArrayDeque<>();

        private @Nullable Instant since;

        private Instant redialAfter = Instant.MIN;

        private FlappingPeer view(String id) {
            return new FlappingPeer(id, leaves.size(), since, leaves.getLast(), redialAfter);
        }

    }

}
