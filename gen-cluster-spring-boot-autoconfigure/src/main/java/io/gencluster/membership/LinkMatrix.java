package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * The link reports of the members ({@code peerLinksReported}), turned into the pairs of
 * nodes that lack a link ({@link MissingLinks}): among this node, its members and the
 * nodes they report, a node that reported (or this one) lacks every other one it does not
 * list. A node this node only hears of has not reported to it, so only its partners'
 * reports tell on it. A pair missing for longer than {@code warnAfter} gets one WARN, and
 * one INFO when it heals while both are members.
 * <p>
 * Thread-safe: its methods hold its own lock and call nothing outside it.
 */
final class LinkMatrix {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    /** The most pairs one log line names. */
    private static final int SHOWN_PAIRS = 10;

    private final Duration warnAfter;

    private final Clock clock;

    /**
     * The addresses each member reported links to, by its address: kept as given, since a
     * forming cluster reports by the thousand and only missing pairs are shown.
     */
    private final Map<NodeAddress, Set<NodeAddress>> reports = new HashMap<>();

    /** When each missing pair (a set of two addresses) was first seen. */
    private final Map<Set<NodeAddress>, Instant> missingSince = new HashMap<>();

    /** The missing pairs warned about, as "first second". */
    private final Set<String> warned = new TreeSet<>();

    LinkMatrix(Duration warnAfter, Clock clock) {
        this.warnAfter = warnAfter;
        this.clock = clock;
    }

    /** A member reported its links; the report replaces its last. */
    synchronized void reported(ClusterNode node, Set<NodeAddress> linked) {
        reports.put(node.address(), Set.copyOf(linked));
    }

    /** A member left: its report no longer counts. */
    synchronized void left(ClusterNode node) {
        reports.remove(node.address());
    }

    /**
     * The missing links among this node, its members and the nodes they report links to,
     * as the reports tell (this node's own links are its members).
     */
    synchronized MissingLinks view(ClusterNode self, List<ClusterNode> members) {
        Set<NodeAddress> nodes = nodes(self, members);
        Map<NodeAddress, List<NodeAddress>> lacking = new HashMap<>();
        Set<Set<NodeAddress>> pairs = new HashSet<>();
        Set<NodeAddress> memberAddresses = members.stream().map(ClusterNode::address).collect(Collectors.toSet());
        lacks(self.address(), memberAddresses, nodes, lacking, pairs);
        for (NodeAddress member : memberAddresses) {
            Set<NodeAddress> linked = reports.get(member);
            if (linked != null) {
                lacks(member, linked, nodes, lacking, pairs);
            }
        }
        Instant now = clock.instant();
        missingSince.keySet().retainAll(pairs);
        pairs.forEach(pair -> missingSince.putIfAbsent(pair, now));
        Map<String, List<String>> shown = new TreeMap<>();
        lacking.forEach((node, lacks) -> shown.put(node.toString(), ids(lacks).toList()));
        List<MissingLinks.Pair> missing = pairs.stream()
            .map(pair -> withIds(pair, missingSince.get(pair)))
            .sorted(Comparator.comparing(MissingLinks.Pair::first).thenComparing(MissingLinks.Pair::second))
            .toList();
        return new MissingLinks(shown, missing);
    }

    private static void lacks(NodeAddress node, Set<NodeAddress> linked, Set<NodeAddress> nodes,
            Map<NodeAddress, List<NodeAddress>> lacking, Set<Set<NodeAddress>> pairs) {
        List<NodeAddress> lacks = nodes.stream()
            .filter(other -> !other.equals(node) && !linked.contains(other))
            .toList();
        if (!lacks.isEmpty()) {
            lacking.put(node, lacks);
            lacks.forEach(other -> pairs.add(Set.of(node, other)));
        }
    }

    /** This node, its members, and every node a member reports a link to. */
    private Set<NodeAddress> nodes(ClusterNode self, List<ClusterNode> members) {
        Set<NodeAddress> nodes = new HashSet<>();
        nodes.add(self.address());
        for (ClusterNode member : members) {
            nodes.add(member.address());
            nodes.addAll(reports.getOrDefault(member.address(), Set.of()));
        }
        return nodes;
    }

    /** The ids of some addresses, sorted. */
    private static Stream<String> ids(Collection<NodeAddress> addresses) {
        return addresses.stream().map(NodeAddress::toString).sorted();
    }

    private static MissingLinks.Pair withIds(Set<NodeAddress> pair, Instant since) {
        List<String> ids = ids(pair).toList();
        return new MissingLinks.Pair(ids.get(0), ids.get(1), since);
    }

    /**
     * Logs the pairs missing for longer than {@code warnAfter} (once each) and those of
     * them that healed; called at each refresh.
     */
    synchronized void check(ClusterNode self, List<ClusterNode> members) {
        MissingLinks links = view(self, members);
        Instant now = clock.instant();
        Set<String> missingNow = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (MissingLinks.Pair pair : links.pairs()) {
            String key = pair.first() + " " + pair.second();
            missingNow.add(key);
            if (!warned.contains(key) && !now.isBefore(pair.since().plus(warnAfter))) {
                warned.add(key);
                missing.add(pair.first() + " and " + pair.second());
            }
        }
        Set<String> nodes = ids(nodes(self, members)).collect(Collectors.toSet());
        List<String> healed = new ArrayList<>();
        for (String key : List.copyOf(warned)) {
            String[] ids = key.split(" ");
            if (!missingNow.contains(key)) {
                warned.remove(key);
                if (nodes.contains(ids[0]) && nodes.contains(ids[1])) {
                    healed.add(ids[0] + " and " + ids[1]);
                }
            }
        }
        // One line per refresh whatever the count: the reports come from peers.
        if (!missing.isEmpty()) {
            log.warn("Members have had no link to each other for {} or more: {}", warnAfter, shown(missing));
        }
        if (!healed.isEmpty()) {
            log.info("Members are linked again: {}", shown(healed));
        }
    }

    private static String shown(List<String> pairs) {
        String first = String.join("; ", pairs.subList(0, Math.min(pairs.size(), SHOWN_PAIRS)));
        return pairs.size() > SHOWN_PAIRS ? first + "; and " + (pairs.size() - SHOWN_PAIRS) + " more pair(s)" : first;
    }

}
