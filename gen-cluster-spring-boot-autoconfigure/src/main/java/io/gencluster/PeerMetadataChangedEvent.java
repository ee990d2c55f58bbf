package io.gencluster;

import java.util.Map;
import java.util.Objects;

/**
 * A member published new metadata ({@link NodeMetadata}) while its link stayed up:
 * {@link #getNode()} carries the new entries. Published once per change, between that
 * member's {@link PeerJoinedEvent} (which carries the metadata it joined with) and its
 * {@link PeerLeftEvent}.
 */
public class PeerMetadataChangedEvent extends ClusterEvent {

    private final Map<String, String> previousMetadata;

    /**
     * Creates the event.
     * @param source the publisher
     * @param node the member, with its new metadata
     * @param previousMetadata its metadata before the change
     */
    public PeerMetadataChangedEvent(Object source, ClusterNode node, Map<String, String> previousMetadata) {
        super(source, node);
        this.previousMetadata = Map.copyOf(Objects.requireNonNull(previousMetadata, "previousMetadata"));
    }

    /** The member's metadata before the change. */
    public Map<String, String> getPreviousMetadata() {
        return previousMetadata;
    }

    @Override
    public String toString() {
        return "PeerMetadataChangedEvent[" + getNode() + ", " + getNode().metadata() + "]";
    }

}
