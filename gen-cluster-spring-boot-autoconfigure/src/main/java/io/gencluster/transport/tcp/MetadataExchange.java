package io.gencluster.transport.tcp;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import io.gencluster.ClusterNode;

/**
 * This node's metadata as peers are sent it, and the rule for a peer's: the highest
 * version of its incarnation wins, whichever link it came over, so two links between a
 * pair never undo a change. Not thread-safe: the {@link LinkRegistry} calls it under its
 * lock.
 */
final class MetadataExchange {

    private Message.Metadata current = new Message.Metadata(0, Map.of());

    Message.Metadata current() {
        return current;
    }

    /**
     * Takes new metadata for this node, when it differs, and sends it over the live
     * links.
     */
    void replace(Map<String, String> entries, Collection<Link> live) {
        if (!current.entries().equals(entries)) {
            current = new Message.Metadata(current.version() + 1, entries);
            live.forEach(link -> link.send(current));
        }
    }

    /**
     * A link became live after its handshake sent older metadata than this node has now:
     * sends the current.
     */
    void sendIfChanged(Link link) {
        if (link.sentMetadataVersion != current.version()) {
            link.send(current);
        }
    }

    /**
     * Takes a member's metadata when it is newer than what its live link holds.
     * @return the member with its new metadata, when the entries changed
     */
    Optional<ClusterNode> offer(Link live, long version, Map<String, String> entries) {
        if (version <= live.metadataVersion) {
            return Optional.empty();
        }
        live.metadataVersion = version;
        if (entries.equals(live.member.metadata())) {
            return Optional.empty();
        }
        live.member = live.member.withMetadata(entries);
        return Optional.of(live.member);
    }

}
