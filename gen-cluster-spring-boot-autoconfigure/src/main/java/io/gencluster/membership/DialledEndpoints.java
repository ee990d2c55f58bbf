package io.gencluster.membership;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * What each dialled endpoint led to: a member (by id) or this node itself, so that
 * neither is dialled again while known, and pruning can tell which members discovery
 * still returns under another name. Not thread-safe: the {@link Dialler}'s lock guards
 * it.
 */
final class DialledEndpoints {

    /** The id of the node each endpoint led to. */
    private final Map<NodeAddress, String> reachedVia = new HashMap<>();

    /** Endpoints that led back to this node. */
    private final Set<NodeAddress> selfEndpoints = new HashSet<>();

    private final NodeAddress ownEndpoint;

    DialledEndpoints(ClusterNode self) {
        this.ownEndpoint = self.address().withoutName();
    }

    /**
     * Whether an endpoint is this node's: its advertised one, or one that led back to it.
     */
    boolean isSelf(NodeAddress endpoint) {
        return endpoint.equals(ownEndpoint) || selfEndpoints.contains(endpoint);
    }

    /** The id of the node a dial of this endpoint reached, if one did. */
    @Nullable String reachedId(NodeAddress endpoint) {
        return reachedVia.get(endpoint);
    }

    /** The endpoint a node advertises and those whose dials reached it. */
    Set<NodeAddress> endpointsOf(ClusterNode node) {
        Set<NodeAddress> found = new HashSet<>(Set.of(node.address().withoutName()));
        reachedVia.forEach((endpoint, id) -> {
            if (id.equals(node.id())) {
                found.add(endpoint);
            }
        });
        return found;
    }

    void reached(NodeAddress endpoint, String id) {
        reachedVia.put(endpoint, id);
    }

    void ledToSelf(NodeAddress endpoint) {
        selfEndpoints.add(endpoint);
    }

    /**
     * The members that discovery no longer returns; a member reached through a discovered
     * endpoint is kept. While a discovered endpoint has not been dialled yet it may be
     * another name of any member (one that dialled in first), so nothing is known until
     * every endpoint led somewhere or failed since the last member joined.
     * @return the undiscovered members, or empty while that cannot be told
     */
    Optional<List<ClusterNode>> undiscoveredMembers(Set<NodeAddress> found, MemberTable members, PendingPeers pending) {
        Set<String> reached = new HashSet<>();
        boolean unresolved = false;
        for (NodeAddress address : found) {
            NodeAddress endpoint = address.withoutName();
            String id = reachedVia.get(endpoint);
            if (id != null) {
                reached.add(id);
            }
            else {
                unresolved |= !isSelf(endpoint) && !members.covers(endpoint, null)
                        && !pending.failedSinceLastJoin(endpoint);
            }
        }
        return unresolved ? Optional.empty() : Optional.of(members.undiscovered(found, reached));
    }

}
