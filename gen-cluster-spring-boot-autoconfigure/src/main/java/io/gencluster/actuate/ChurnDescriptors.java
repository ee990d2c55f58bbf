package io.gencluster.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.gencluster.membership.FlappingPeer;
import io.gencluster.membership.Isolation;
import io.gencluster.membership.MissingLinks;
import io.gencluster.membership.SuspectedPeer;
import io.gencluster.membership.UndiscoveredMember;

/**
 * What {@code /actuator/cluster} shows about churn: members discovery no longer returns,
 * flapping peers, this node cut off, the pairs of nodes without a link, and the peers
 * last suspected.
 */
public final class ChurnDescriptors {

    private ChurnDescriptors() {
    }

    /**
     * A member that discovery no longer returns, pruned at {@code pruneAt} unless
     * discovery returns it before.
     *
     * @param node its id
     * @param missingSince the first refresh that missed it (ISO-8601)
     * @param pruneAt when it is pruned, at the first refresh from then on (ISO-8601)
     */
    public record UndiscoveredDescriptor(String node, String missingSince, String pruneAt) {

        static UndiscoveredDescriptor of(UndiscoveredMember member) {
            return new UndiscoveredDescriptor(member.node().id(), member.missingSince().toString(),
                    member.pruneAt().toString());
        }
    }

    /**
     * A flapping peer: it left {@code leaves} times within the flapping window.
     *
     * @param node its id
     * @param leaves how often it left within the window
     * @param since when it started flapping (ISO-8601)
     * @param lastLeftAt when it last left (ISO-8601)
     * @param redialAfter this node dials it again no earlier than this (ISO-8601)
     */
    public record FlappingDescriptor(String node, int leaves, String since, String lastLeftAt, String redialAfter) {

        static FlappingDescriptor of(FlappingPeer peer) {
            return new FlappingDescriptor(peer.id(), peer.leaves(), peer.since().toString(),
                    peer.lastLeftAt().toString(), peer.redialAfter().toString());
        }
    }

    /**
     * This node is cut off from the cluster: it lost most of its links within a short
     * window.
     *
     * @param since when the loss that made it isolated happened (ISO-8601)
     * @param missing how many of its members are gone now
     * @param of how many members it had before
     */
    public record IsolationDescriptor(String since, int missing, int of) {

        static IsolationDescriptor of(Isolation isolation) {
            return new IsolationDescriptor(isolation.since().toString(), isolation.missing(), isolation.of());
        }
    }

    /**
     * Who sees whom: each member's report of its links, turned into what is missing.
     *
     * @param lacking for each member that lacks a link, the ids of the nodes it lacks
     * @param pairs the pairs of nodes without a link between them, each once
     */
    public record MissingLinksDescriptor(Map<String, List<String>> lacking, List<MissingPairDescriptor> pairs) {

        static MissingLinksDescriptor of(MissingLinks links) {
            return new MissingLinksDescriptor(links.lacking(), links.pairs()
                .stream()
                .map(pair -> new MissingPairDescriptor(List.of(pair.first(), pair.second()), pair.since().toString()))
                .toList());
        }
    }

    /**
     * Two nodes without a link between them.
     *
     * @param nodes their ids
     * @param since when this node first saw the pair missing (ISO-8601)
     */
    public record MissingPairDescriptor(List<String> nodes, String since) {
    }

    /**
     * The last time a peer fell silent for the heartbeat timeout and the other members
     * were asked whether they still heard it.
     *
     * @param node its id
     * @param at when the question ended (ISO-8601)
     * @param outcome {@code heard-by-others} (it left as {@code HEARD_BY_OTHERS}),
     * {@code heard-by-none} ({@code HEARTBEAT_TIMEOUT}) or {@code refuted} (it spoke
     * again)
     * @param asked how many other members were asked
     * @param heardBy how many of them still heard it
     */
    public record SuspicionDescriptor(String node, String at, String outcome, int asked, int heardBy) {

        static SuspicionDescriptor of(SuspectedPeer peer) {
            return new SuspicionDescriptor(peer.id(), peer.suspicion().at().toString(),
                    peer.suspicion().outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    peer.suspicion().asked(), peer.suspicion().heardBy());
        }
    }

}
