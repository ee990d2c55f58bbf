package io.gencluster.transport.tcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * The open links and, of those, each member's live one. Not thread-safe: the
 * {@link LinkRegistry}'s lock guards it, and only the registry changes it.
 */
final class LiveLinks {

    /** Node id to its live link, in the order members joined. */
    private final Map<String, Link> live = new LinkedHashMap<>();

    /** Every open link, whatever its state. */
    private final Set<Link> open = new HashSet<>();

    void opened(Link link) {
        open.add(link);
    }

    void closed(Link link) {
        open.remove(link);
    }

    /** The live link of the member with that id. */
    @Nullable Link of(String id) {
        return live.get(id);
    }

    /** The live link of the member a link carries (or carried), when it has one. */
    @Nullable Link liveFor(Link link) {
        return link.member == null ? null : live.get(link.member.id());
    }

    void makeLive(String id, Link link) {
        live.put(id, link);
    }

    void removeLive(String id, Link link) {
        live.remove(id, link);
    }

    Collection<Link> live() {
        return live.values();
    }

    int openCount() {
        return open.size();
    }

    List<ClusterNode> members() {
        return live.values().stream().map(link -> link.member).toList();
    }

    /** The live link to a member, when that incarnation is a member. */
    Optional<Link> liveLink(ClusterNode node) {
        Link link = live.get(node.id());
        return link != null && link.member.incarnation() == node.incarnation() ? Optional.of(link) : Optional.empty();
    }

    /**
     * The member that advertises an address (its name checked only when the address has
     * one).
     */
    Optional<ClusterNode> memberAt(NodeAddress address) {
        return live.values()
            .stream()
            .map(link -> link.member)
            .filter(member -> member.address().host().equals(address.host())
                    && member.address().port() == address.port()
                    && (address.name() == null || address.name().equals(member.name())))
            .findFirst();
    }

    /**
     * Whether this node is dialling an address now: a link it dialled there is connected
     * and still in its handshake.
     */
    boolean isDialling(NodeAddress address) {
        return open.stream()
            .anyMatch(link -> link.state == Link.State.HANDSHAKING && link.dialled != null && link.channel.isActive()
                    && link.dialled.host().equals(address.host()) && link.dialled.port() == address.port());
    }

    /** Every open link, live ones first. */
    List<Link> allLiveFirst() {
        List<Link> all = new ArrayList<>(live.values());
        open.stream().filter(link -> !all.contains(link)).forEach(all::add);
        return all;
    }

    /**
     * Closes the superseded links to a member that left: nothing keeps them open any
     * more.
     */
    void closeSuperseded(String id) {
        for (Link other : open) {
            if (other.state == Link.State.SUPERSEDED && other.member != null && other.member.id().equals(id)) {
                other.channel.close();
            }
        }
    }

    void clear() {
        open.clear();
    }

}
