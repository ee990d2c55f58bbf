package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The ids each member reported links to, by its id. */
    private final Map<String, Set<String>> reports = new HashMap<>();

    /**
     * When each missing pair ("first second") was first seen, and whether it was warned.
     */
    private final Map<String, Instant> missingSince = new HashMap<>();

    private final Set<String> warned = new TreeSet<>();

    LinkMatrix(Duration warnAfter, Clock clock) {
        this.warnAfter = warnAfter;
        this.clock = clock;
    }

    /** A member reported its links; the report replaces its last. */
    synchronized void reported(ClusterNode node, Set<NodeAddress> linked) {
        reports.put(node.id(), linked.stream().map(NodeAddress::toString).collect(Collectors.toSet()));
    }

    /** A member left: its report no longer counts. */
    synchronized void left(ClusterNode node) {
        reports.remove(node.id());
    }

    /**
     * The missing links among this node, its members and the nodes they report links to,
     * as the reports tell (this node's own links are its members).
     */
    synchronized MissingLinks view(ClusterNode self, List<ClusterNode> members) {
        Set<String> nodes = nodes(self, members);
        Map<String, List<String>> lacking = new TreeMap<>();
        Set<String> pairs = new TreeSet<>();
        Set<String> memberIds = members.stream().map(ClusterNode::id).collect(Collectors.toSet());
        lacks(self.id(), memberIds, nodes, lacking, pairs);
        for (String member : memberIds) {
            Set<String> linked = reports.get(member);
            if (linked != null) {
                lacks(member, linked, nodes, lacking, pairs);
            }
        }
        Instant now = clock.instant();
        missingSince.keySet().retainAll(pairs);
        pairs.forEach(pair -> missingSince.putIfAbsent(pair, now));
        List<MissingLinks.Pair> missing = new ArrayList<>();
        for (String pair : pairs) {
            String[] ids = pair.split(" ");
            missing.add(new MissingLinks.Pair(ids[0], ids[1], missingSince.get(pair)));
        }
        return new MissingLinks(lacking, missing);
    }

    private static void lacks(String node, Set<String> linked, Set<String> nodes, Map<String, List<String>> lacking,
            Set<String> pairs) {
        List<String> lacks = nodes.stream().filter(id -> !id.equals(node) && !linked.contains(id)).toList();
        if (!lacks.isEmpty()) {
            lacking.put(node, lacks);
            lacks.forEach(other -> pairs.add(key(node, other)));
        }
    }

    /** This node, its members, and every node a member reports a link to. */
    private Set<String> nodes(ClusterNode self, List<ClusterNode> members) {
        Set<String> nodes = new TreeSet<>();
        nodes.add(self.id());
        for (ClusterNode member : members) {
            nodes.add(member.id());
            nodes.addAll(reports.getOrDefault(member.id(), Set.of()));
        }
        return nodes;
    }

    /**
     * Logs the pairs missing for longer than {@code warnAfter} (once each) and those of
     * them that healed; called at each refresh.
     */
    synchronized void check(ClusterNode self, List<ClusterNode> members) {
        MissingLinks links = view(self, members);
        Instant now = clock.instant();
        Set<String> nodes = nodes(self, members);
        List<String> missing = new ArrayList<>();
        for (MissingLinks.Pair pair : links.pairs()) {
            String key = key(pair.first(), pair.second());
            if (!warned.contains(key) && !now.isBefore(pair.since().plus(warnAfter))) {
                warned.add(key);
                missing.add(pair.first() + " and " + pair.second());
            }
        }
        List<String> healed = new ArrayList<>();
        for (String key : List.copyOf(warned)) {
            String[] ids = key.split(" ");
            if (!missingSince.containsKey(key)) {
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

    private static String key(String one, String other) {
        return one.compareTo(other) < 0 ? one + " " + other : other + " " + one;
    }

}
