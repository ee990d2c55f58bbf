package io.gencluster.membership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.transport.Suspicion;

/**
 * The last suspicion of each peer (for {@code /actuator/cluster}), and the detail it
 * gives the leave that follows it. At most {@link #MAX_PEERS} peers are remembered, the
 * oldest forgotten first. Thread-safe.
 */
final class Suspicions {

    /** How many peers' last suspicions are kept. */
    static final int MAX_PEERS = 4096;

    private final Map<String, SuspectedPeer> last = new LinkedHashMap<>();

    /** The incarnation whose suspicion awaits its leave, by node id. */
    private final Map<String, Long> awaitingLeave = new LinkedHashMap<>();

    /** The transport asked about a member; a leave follows unless it was refuted. */
    synchronized void suspected(ClusterNode node, Suspicion suspicion) {
        last.remove(node.id());
        last.put(node.id(), new SuspectedPeer(node.id(), suspicion));
        awaitingLeave.remove(node.id());
        if (suspicion.outcome() != Suspicion.Outcome.REFUTED) {
            awaitingLeave.put(node.id(), node.incarnation());
        }
        trim(last);
        trim(awaitingLeave);
    }

    /**
     * The detail of a member's leave: its suspicion's, when the leave is the timeout that
     * suspicion ended in; else empty.
     */
    synchronized String leaveDetail(ClusterNode node, LeaveReason reason) {
        Long incarnation = awaitingLeave.remove(node.id());
        boolean timedOut = reason == LeaveReason.HEARTBEAT_TIMEOUT || reason == LeaveReason.HEARD_BY_OTHERS;
        SuspectedPeer suspected = last.get(node.id());
        if (!timedOut || incarnation == null || incarnation != node.incarnation() || suspected == null) {
            return "";
        }
        return suspected.suspicion().detail();
    }

    /** Each peer's last suspicion, oldest first. */
    synchronized List<SuspectedPeer> last() {
        return new ArrayList<>(last.values());
    }

    private static void trim(Map<String, ?> map) {
        while (map.size() > MAX_PEERS) {
            map.remove(map.keySet().iterator().next());
        }
    }

}
