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
     * @throws AnnouncementTooLargeException when the list would hold more than
     * {@link MessageCodec#MAX_ANNOUNCED_ADDRESSES} addresses
     */
    Set<NodeAddress> apply(Message.Links report) {
        report.unlinked().forEach(linked::remove);
        int added = (int) report.linked().stream().filter(address -> !linked.contains(address)).count();
        if (linked.size() + added > MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            throw new AnnouncementTooLargeException("links reported over one link add up to", linked.size() + added);
        }
        linked.addAll(report.linked());
        return Set.copyOf(linked);
    }

}
