package io.gencluster.membership;

import io.gencluster.ClusterNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grace period of {@code prune-undiscovered}: when each member that discovery no
 * longer returns was first missed, so that it is pruned only once it has been missing for
 * {@link ClusterManagerSettings#pruneUndiscoveredAfter()}. A refresh that returns it
 * again, or its leaving, forgets it: the clock starts over the next time it is missed.
 * <p>
 * Thread-safe: written on the refresh thread, read by the endpoint.
 */
final class MissingMembers {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final Duration grace;

    private final MemberTable members;

    /** The first refresh that missed each member, by id. */
    private final Map<String, UndiscoveredMember> missing = new LinkedHashMap<>();

    MissingMembers(Duration grace, MemberTable members) {
        this.grace = grace;
        this.members = members;
    }

    /**
     * Takes in what one refresh found missing.
     * @param undiscovered every member the refresh did not return
     * @param now when the refresh ran
     * @return the members missing for the whole grace period: to prune now
     */
    synchronized List<ClusterNode> missed(List<ClusterNode> undiscovered, Instant now) {
        Map<String, ClusterNode> current = new LinkedHashMap<>();
        undiscovered.forEach(node -> current.put(node.id(), node));
        missing.values().removeIf(member -> {
            ClusterNode node = current.get(member.node().id());
            boolean back = node == null || !node.isSameIncarnation(member.node());
            if (back && members.contains(member.node().id())) {
                log.info("Member {} is discovered again: it is not pruned", member.node());
            }
            return back;
        });
        List<ClusterNode> due = new ArrayList<>();
        for (ClusterNode node : current.values()) {
            UndiscoveredMember member = missing.get(node.id());
            if (member == null) {
                member = new UndiscoveredMember(node, now, now.plus(grace));
                if (!grace.isZero()) {
                    log.info("Member {} is no longer discovered: it is pruned at {} unless discovery returns it", node,
                            member.pruneAt());
                }
                missing.put(node.id(), member);
            }
            if (!now.isBefore(member.pruneAt())) {
                due.add(node);
                missing.remove(node.id());
            }
        }
        return due;
    }

    /** The members waiting to be pruned, in the order they were first missed. */
    synchronized List<UndiscoveredMember> view() {
        return List.copyOf(missing.values());
    }

}
