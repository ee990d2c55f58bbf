package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What each member announced of its own members ({@code connect-all}), kept as the changes arrive,
 * with the union counted so that reading it costs one entry per address, not one per announcement.
 * Not thread-safe: the manager guards it with its lock.
 */
final class AnnouncedMembers {

    private final Map<String, Set<NodeAddress>> byMember = new HashMap<>();

    private final Map<NodeAddress, Integer> union = new LinkedHashMap<>();

    /** Applies one announcement of a member: who joined it and who left it. */
    void apply(String memberId, Set<NodeAddress> joined, Set<NodeAddress> left) {
        Set<NodeAddress> known = byMember.computeIfAbsent(memberId, id -> new HashSet<>());
        for (NodeAddress address : left) {
            if (known.remove(address)) {
                uncount(address);
            }
        }
        for (NodeAddress address : joined) {
            if (known.add(address)) {
                union.merge(address, 1, Integer::sum);
            }
        }
    }

    /** Forgets what a member announced: it left, and its next link starts from nothing. */
    void forget(String memberId) {
        Set<NodeAddress> known = byMember.remove(memberId);
        if (known != null) {
            known.forEach(this::uncount);
        }
    }

    /** Every address some member announced. */
    Set<NodeAddress> addresses() {
        return union.keySet();
    }

    private void uncount(NodeAddress address) {
        union.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
}
