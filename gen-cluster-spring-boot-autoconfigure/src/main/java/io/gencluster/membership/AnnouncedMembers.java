package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each member announced of its own members ({@code connect-all}), kept as the
 * changes arrive, with the union counted so that reading it costs one entry per address,
 * not one per announcement. Only addresses its {@link DialLimits} allow are kept: inside
 * the announced networks when any are set, and at most
 * {@link DialLimits#maxAnnouncedAddresses()} of each member. Not thread-safe: the manager
 * guards it with its lock.
 */
final class AnnouncedMembers {

    private final DialLimits limits;

    private final Map<String, Set<NodeAddress>> byMember = new HashMap<>();

    private final Map<NodeAddress, Integer> union = new LinkedHashMap<>();

    /**
     * @param limits which addresses are kept, and how many of one member
     */
    AnnouncedMembers(DialLimits limits) {
        this.limits = limits;
    }

    /**
     * Applies one announcement of a member: who joined it and who left it.
     * @param hit collects the limits that made it ignore joined addresses
     * @return the joined addresses that are kept
     */
    List<NodeAddress> apply(String memberId, Collection<NodeAddress> joined, Collection<NodeAddress> left,
            Set<ClusterLimit> hit) {
        List<NodeAddress> kept = new ArrayList<>();
        Set<NodeAddress> known = byMember.computeIfAbsent(memberId, id -> new HashSet<>());
        for (NodeAddress address : left) {
            if (known.remove(address)) {
                uncount(address);
            }
        }
        for (NodeAddress address : joined) {
            if (!limits.allowsAnnounced(address.host())) {
                hit.add(ClusterLimit.ANNOUNCED_NETWORKS);
            }
            else if (known.size() >= limits.maxAnnouncedAddresses() && !known.contains(address)) {
                hit.add(ClusterLimit.ANNOUNCED_ADDRESSES);
            }
            else {
                if (known.add(address)) {
                    union.merge(address, 1, Integer::sum);
                }
                kept.add(address);
            }
        }
        return kept;
    }

    /**
     * Forgets what a member announced: it left, and its next link starts from nothing.
     */
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
