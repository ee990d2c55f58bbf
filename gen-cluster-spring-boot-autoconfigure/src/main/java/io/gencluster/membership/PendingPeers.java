package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The peers the {@link Dialler} means to dial and their attempts, bounded twice: at most
 * {@link DialLimits#maxPendingPeers()} targets, where a discovered peer takes the place
 * of an announced one that is not being dialled, and at most
 * {@link DialLimits#maxConcurrentDials()} dials in flight, the rest waiting for a freed
 * slot or the next refresh.
 * <p>
 * Not thread-safe: the dialler's lock guards it.
 */
final class PendingPeers {

    private final DialLimits limits;

    private final Map<NodeAddress, State> pending = new LinkedHashMap<>();

    /** Dials started and not yet ended, whether or not their target is still pending. */
    private int dialsInFlight;

    /**
     * Whether a due target was held back for want of a free dial slot since
     * {@link #takeWaiting()}.
     */
    private boolean waiting;

    PendingPeers(DialLimits limits) {
        this.limits = limits;
    }

    /** The pending peers with failed attempts or a flapping hold-off. */
    List<PendingPeer> view() {
        return pending.values().stream().filter(state -> state.attempts > 0 || state.heldOff).map(State::view).toList();
    }

    /** Forgets the targets not among these endpoints. */
    void retainOnly(Collection<NodeAddress> endpoints) {
        pending.keySet().retainAll(endpoints);
    }

    /**
     * Whether dialling an endpoint failed since the last member joined: only then is it
     * known not to be another name of a member (one that dialled in after the failure).
     */
    boolean failedSinceLastJoin(NodeAddress endpoint) {
        State state = pending.get(endpoint);
        return state != null && state.failedSinceLastJoin;
    }

    /**
     * A member joined: earlier failures no longer tell that an endpoint is nobody's, it
     * may be that member's.
     */
    void memberJoined() {
        pending.values().forEach(state -> state.failedSinceLastJoin = false);
    }

    /**
     * Holds a flapping peer's dials off until the given time (within the bound on pending
     * peers).
     */
    void holdOff(NodeAddress target, Instant until) {
        NodeAddress endpoint = target.withoutName();
        State state = pending.get(endpoint);
        if (state == null) {
            if (pending.size() >= limits.maxPendingPeers()) {
                return;
            }
            state = new State(target, false);
            pending.put(endpoint, state);
        }
        state.heldOff = true;
        if (until.isAfter(state.nextAttemptAt)) {
            state.nextAttemptAt = until;
        }
    }

    /** Forgets a target: it is a member, or this node. */
    void remove(NodeAddress endpoint) {
        pending.remove(endpoint);
    }

    /**
     * Marks a target as being dialled when it is not already, is not backing off, and the
     * bounds allow.
     * @param target where to dial
     * @param announced whether only announcements name it (discovered targets take
     * precedence)
     * @param hit collects the limits that held a target back
     * @return the target when it is to be dialled now
     */
    Optional<NodeAddress> claim(NodeAddress target, boolean announced, Instant now, Set<ClusterLimit> hit) {
        NodeAddress endpoint = target.withoutName();
        State state = pending.get(endpoint);
        if (state == null) {
            if (pending.size() >= limits.maxPendingPeers() && (announced || !evictAnnounced())) {
                hit.add(ClusterLimit.PENDING_PEERS);
                return Optional.empty();
            }
            state = new State(target, announced);
            pending.put(endpoint, state);
        }
        state.announced &= announced;
        if (state.inFlight || now.isBefore(state.nextAttemptAt)) {
            return Optional.empty();
        }
        if (dialsInFlight >= limits.maxConcurrentDials()) {
            waiting = true;
            hit.add(ClusterLimit.CONCURRENT_DIALS);
            return Optional.empty();
        }
        state.inFlight = true;
        dialsInFlight++;
        return Optional.of(target);
    }

    /** A dial ended: its slot is free. The target's state, when it is still pending. */
    Optional<State> ended(NodeAddress endpoint) {
        dialsInFlight--;
        State state = pending.get(endpoint);
        if (state != null) {
            state.inFlight = false;
        }
        return Optional.ofNullable(state);
    }

    /** Whether a target waited for a dial slot since the last call; clears it. */
    boolean takeWaiting() {
        boolean was = waiting;
        waiting = false;
        return was;
    }

    private boolean evictAnnounced() {
        for (Iterator<State> states = pending.values().iterator(); states.hasNext();) {
            State state = states.next();
            if (state.announced && !state.inFlight) {
                states.remove();
                return true;
            }
        }
        return false;
    }

    /** The dial state of one target. */
    static final class State {

        private final NodeAddress address;

        private boolean announced;

        private boolean inFlight;

        private boolean failedSinceLastJoin;

        /** Whether the peer is flapping: dialled only after a hold-off. */
        private boolean heldOff;

        private int attempts;

        private @Nullable String lastError;

        private Instant nextAttemptAt = Instant.MIN;

        private State(NodeAddress address, boolean announced) {
            this.address = address;
            this.announced = announced;
        }

        /**
         * Records a failed attempt.
         * @return how long to wait before the next one
         */
        Duration failed(Throwable failure, ReconnectBackoff backoff, Instant now) {
            attempts++;
            failedSinceLastJoin = true;
            lastError = ConnectOutcome.describe(failure);
            Duration retryIn = backoff.delayAfter(attempts, ThreadLocalRandom.current()::nextDouble);
            nextAttemptAt = now.plus(retryIn);
            return retryIn;
        }

        private PendingPeer view() {
            String error = lastError != null ? lastError : "flapping: dialled again after a hold-off";
            return new PendingPeer(address, attempts, error, nextAttemptAt);
        }

    }

}
