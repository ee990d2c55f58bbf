package io.gencluster;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A node of the cluster as this node knows it: its advertised address (with its name),
 * the incarnation that tells one run of it from the next, when the link came up, which
 * side dialled, and the metadata the node publishes about itself (see
 * {@link NodeMetadata}).
 * <p>
 * Metadata is not part of a node's identity: two values that differ only in it are equal,
 * since a node's metadata can change while it stays the same member.
 *
 * @param address the address the node advertises, with its name
 * @param incarnation a random number chosen at each start, so a restart on the same
 * address is a new node
 * @param connectedSince when the link to this node came up (for this node itself: when it
 * started)
 * @param direction which side dialled the link
 * @param metadata what the node publishes about itself, sorted by key, within the bounds
 * of {@link NodeMetadata}
 */
public record ClusterNode(NodeAddress address, long incarnation, Instant connectedSince, Direction direction,
        Map<String, String> metadata) {

    /** Which side opened a link. */
    public enum Direction {

        /** The peer dialled this node. */
        INBOUND,
        /** This node dialled the peer. */
        OUTBOUND,
        /** Not a link: this node itself. */
        LOCAL

    }

    /**
     * Checks the parts; the address must carry a name and a port, the metadata stay in
     * its bounds.
     */
    public ClusterNode {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(connectedSince, "connectedSince");
        Objects.requireNonNull(direction, "direction");
        if (address.name() == null || !address.hasPort()) {
            throw new IllegalArgumentException("A cluster node's address needs a name and a port: " + address);
        }
        metadata = NodeMetadata.checked(metadata);
    }

    /** A node without metadata. */
    public ClusterNode(NodeAddress address, long incarnation, Instant connectedSince, Direction direction) {
        this(address, incarnation, connectedSince, direction, Map.of());
    }

    /** This node with other metadata. */
    public ClusterNode withMetadata(Map<String, String> metadata) {
        return new ClusterNode(address, incarnation, connectedSince, direction, metadata);
    }

    /** The node's id, unique in a cluster: {@code name@host:port}. */
    public String id() {
        return address.toString();
    }

    /** The name part of the node's id. */
    public String name() {
        return address.name();
    }

    /**
     * Whether the other node is the same run of the same node (same id and incarnation).
     */
    public boolean isSameIncarnation(ClusterNode other) {
        return other != null && incarnation == other.incarnation && id().equals(other.id());
    }

    /** The incarnation as 16 hex digits, as logs and the actuator show it. */
    public String incarnationHex() {
        return String.format("%016x", incarnation);
    }

    /** Equal when all but the metadata are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterNode node && address.equals(node.address) && incarnation == node.incarnation
                && connectedSince.equals(node.connectedSince) && direction == node.direction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, incarnation, connectedSince, direction);
    }

    @Override
    public String toString() {
        return id() + "#" + incarnationHex();
    }
}
