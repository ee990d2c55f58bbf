package io.gencluster.transport.tcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;

/**
 * Dials that crossed: when nodes start together every pair dials both ways at once, and
 * only one of the two links survives ({@link Link#KEEP_ORDER}). The node whose link wins
 * refuses the other one right after its first handshake message, before the key exchange
 * that costs most; the refused dial then waits for the member to come up over the winning
 * link (its dialler fails it at the handshake timeout). Not thread-safe: the
 * {@link LinkRegistry}'s lock guards it, and the registry's links are passed in.
 */
final class CrossedDials {

    /** Node id, as the refusing peer named itself, to the dials waiting for it. */
    private final Map<String, List<CompletableFuture<ClusterNode>>> waiting = new HashMap<>();

    private boolean stopped;

    /**
     * Whether this node's own link to a peer wins over one the peer dialled: a live link
     * of the same incarnation this node dialled, or a dial to the peer's address
     * connected and in its handshake.
     */
    static boolean ownLinkWins(ClusterNode self, ClusterNode peer, LiveLinks links) {
        if (self.id().compareTo(peer.id()) >= 0) {
            return false;
        }
        Link live = links.of(peer.id());
        if (live != null) {
            return live.direction == ClusterNode.Direction.OUTBOUND && live.member.incarnation() == peer.incarnation();
        }
        return links.isDialling(peer.address());
    }

    /**
     * Makes a refused dial wait for the member with the id the peer gave: completes it at
     * once when that member is live, and fails it when the transport stops.
     */
    void await(String id, CompletableFuture<ClusterNode> connected, LiveLinks links) {
        Link live = links.of(id);
        if (stopped) {
            connected.completeExceptionally(stopping());
            return;
        }
        if (live != null) {
            completeLater(live, List.of(connected));
            return;
        }
        waiting.values().removeIf(dials -> {
            dials.removeIf(CompletableFuture::isDone);
            return dials.isEmpty();
        });
        waiting.computeIfAbsent(id, key -> new ArrayList<>()).add(connected);
    }

    /**
     * How many ids dials are waiting for: an id is dropped once its dials have ended, at
     * the next refused dial, since the refusing peer names it and may name a new one
     * every time.
     */
    int idsAwaited() {
        return waiting.size();
    }

    /** A member's link came up: the dials that waited for it complete with it. */
    void arrived(Link link) {
        List<CompletableFuture<ClusterNode>> dials = waiting.remove(link.member.id());
        if (dials != null) {
            completeLater(link, dials);
        }
    }

    /** The transport stops: every waiting dial fails. */
    void stop() {
        stopped = true;
        waiting.values().forEach(dials -> dials.forEach(dial -> dial.completeExceptionally(stopping())));
        waiting.clear();
    }

    private static IOException stopping() {
        return new IOException("The transport is stopping");
    }

    /** Off the registry's lock: a dial's callbacks may call back into the registry. */
    private static void completeLater(Link link, List<CompletableFuture<ClusterNode>> dials) {
        ClusterNode member = link.member;
        link.channel.eventLoop().execute(() -> dials.forEach(dial -> dial.complete(member)));
    }

}
