package io.gencluster.transport.tcp;

import java.util.LinkedHashSet;
import java.util.Set;

import io.gencluster.NodeAddress;

/**
 * The members a peer reported links to over one link, as its {@link Message.Links}
 * changes add up; bounded like one frame, whatever the changes say.
 * <p>
 * Not thread-safe: the registry's lock guards it.
 */
final class PeerLinks {

    private final Set<NodeAddress> linked = new LinkedHashSet<>();

    /**
     * Applies a report: its unlinked addresses go, its linked ones come.
     * @return the peer's whole list after it
     * @throws AnnouncementTooLargeException when the list holds more than
     * {@link MessageCodec#MAX_ANNOUNCED_ADDRESSES} addresses (the link is then closed)
     */
    Set<NodeAddress> apply(Message.Links report) {
        report.unlinked().forEach(linked::remove);
        linked.addAll(report.linked());
        if (linked.size() > MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            // The link is closed for it: what it holds now is never read.
            throw new AnnouncementTooLargeException("links reported over one link add up to", linked.size());
        }
        return Set.copyOf(linked);
    }

}
