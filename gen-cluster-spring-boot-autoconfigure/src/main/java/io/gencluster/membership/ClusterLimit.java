package io.gencluster.membership;

import java.util.Locale;

/**
 * A bound that keeps what peers announce from costing this node without limit; each time
 * one is reached the activity listeners hear of it (the {@code gen.cluster.limits}
 * counter) and a WARN, at most one a minute per limit, says what was dropped.
 */
public enum ClusterLimit {

    /**
     * More connections waited to authenticate than allowed (in all, or from one address):
     * the transport closed the others at once and logs its own WARN.
     */
    UNAUTHENTICATED_CONNECTIONS("more connections waited to authenticate than allowed; the others were closed"),

    /**
     * A member announced more addresses than one frame carries, or than are kept per
     * member.
     */
    ANNOUNCED_ADDRESSES("a member announced more addresses than are kept; the rest are ignored"),

    /**
     * A member announced addresses outside the networks announced addresses must be in.
     */
    ANNOUNCED_NETWORKS("a member announced addresses outside the announced networks; they are ignored"),

    /**
     * More peers to dial than may be pending: announced ones past the bound are dropped.
     */
    PENDING_PEERS("more peers to dial than may be pending; announced ones past the bound are dropped"),

    /**
     * More peers due than may be dialled at once: the rest wait for a free slot or the
     * next refresh.
     */
    CONCURRENT_DIALS("more peers due than may be dialled at once; the rest wait for a free slot");

    private final String description;

    ClusterLimit(String description) {
        this.description = description;
    }

    /**
     * The metric tag value: the name in lower case with dashes, e.g.
     * {@code pending-peers}.
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What happened when the limit was reached, for the log. */
    public String description() {
        return description;
    }

}
