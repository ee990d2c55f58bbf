package io.gencluster.membership;

import java.util.List;

/**
 * What announcements and dials may cost this node, so that one authenticated but hostile
 * (or broken) peer cannot make it dial, remember or open without bound.
 *
 * @param maxAnnouncedAddresses the most addresses kept of what one member announced
 * @param maxPendingPeers the most peers waiting to be dialled; discovered ones go before
 * announced ones
 * @param maxConcurrentDials the most dials in flight at once
 * @param announcedNetworks the blocks announced addresses must be IP literals in; empty
 * for any address
 */
public record DialLimits(int maxAnnouncedAddresses, int maxPendingPeers, int maxConcurrentDials,
        List<IpNetwork> announcedNetworks) {

    /**
     * The default bound on addresses kept per member, and on pending peers: a sound
     * cluster size.
     */
    public static final int DEFAULT_MAX_PEERS = 1024;

    /** The default bound on dials in flight. */
    public static final int DEFAULT_MAX_CONCURRENT_DIALS = 64;

    /** Checks every bound is positive. */
    public DialLimits {
        requirePositive("max announced addresses", maxAnnouncedAddresses);
        requirePositive("max pending peers", maxPendingPeers);
        requirePositive("max concurrent dials", maxConcurrentDials);
        announcedNetworks = List.copyOf(announcedNetworks);
    }

    /**
     * 1,024 addresses per member, 1,024 pending peers, 64 dials at once, announced
     * addresses from anywhere.
     */
    public static DialLimits defaults() {
        return new DialLimits(DEFAULT_MAX_PEERS, DEFAULT_MAX_PEERS, DEFAULT_MAX_CONCURRENT_DIALS, List.of());
    }

    /**
     * Whether an announced host may be kept: anything without networks, else an IP
     * literal in one of them.
     */
    boolean allowsAnnounced(String host) {
        return announcedNetworks.isEmpty() || announcedNetworks.stream().anyMatch(network -> network.contains(host));
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
