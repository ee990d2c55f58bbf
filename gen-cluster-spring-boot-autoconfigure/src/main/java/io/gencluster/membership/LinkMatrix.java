package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** The addresses each member reported links to, by its address. */
    private final Map<NodeAddress, Set<NodeAddress>> reports = new HashMap<>();

    /** When each missing pair (a set of two addresses) was first seen. */
    private final Map<Set<NodeAddress>, Instant> missingSince = new HashMap<>();

    /** The missing pairs warned about. */
    private final Set<Set<NodeAddress>> warned = new HashSet<>();

    /** Each node that lacks a link, with the nodes it lacks, as of the last update. */
    private Map<NodeAddress, List<NodeAddress>> lacking = Map.of();

    /** Whether a report came or went since the last update. */
    private boolean reportsChanged = true;

    /** This node and its members as of the last update. */
    private List<ClusterNode> lastNodes = List.of();

    LinkMatrix(Duration warnAfter, Clock clock) {
        this.warnAfter = warnAfter;
        this.clock = clock;
    }

    /** A member reported its links; the report replaces its last. */
    synchronized void reported(ClusterNode node, Set<NodeAddress> linked) {
        reports.put(node.address(), Set.copyOf(linked));
        reportsChanged = true;
    }

    /**
     * A member left: its report no longer counts (from the next update, which the change
     * in members brings).
     */
    synchronized void left(ClusterNode node) {
        reports.remove(node.address());
    }

    /**
     * The missing links among this node, its members and the nodes they report links to,
     * as the reports tell (this node's own links are its members).
     */
    synchronized MissingLinks view(ClusterNode self, List<ClusterNode> members) {
        update(self, members);
        Map<String, List<String>> shown = new TreeMap<>();
        lacking.forEach((node, lacks) -> shown.put(node.toString(), ids(lacks).toList()));
        List<MissingLinks.Pair> pairs = missingSince.entrySet()
            .stream()
            .map(missing -> withIds(missing.getKey(), missing.getValue()))
            .sorted(Comparator.comparing(MissingLinks.Pair::first).thenComparing(MissingLinks.Pair::second))
            .toList();
        return new MissingLinks(shown, pairs);
    }

    /**
     * Logs the pairs missing for longer than {@code warnAfter} (once each) and those of
     * them that healed; called at each refresh.
     */
    synchronized void check(ClusterNode self, List<ClusterNode> members) {
        update(self, members);
        Instant now = clock.instant();
        List<String> missing = new ArrayList<>();
        missingSince.forEach((pair, since) -> {
            if (!now.isBefore(since.plus(warnAfter)) && warned.add(pair)) {
                missing.add(shown(pair));
            }
        });
        Set<NodeAddress> nodes = nodes(self, members);
        List<String> healed = new ArrayList<>();
        for (Iterator<Set<NodeAddress>> pairs = warned.iterator(); pairs.hasNext();) {
            Set<NodeAddress> pair = pairs.next();
            if (!missingSince.containsKey(pair)) {
                pairs.remove();
                if (nodes.containsAll(pair)) {
                    healed.add(shown(pair));
                }
            }
        }
        // One line per refresh whatever the count: the reports come from peers.
        if (!missing.isEmpty()) {
            log.warn("Members have had no link to each other for {} or more: {}", warnAfter, joined(missing));
        }
        if (!healed.isEmpty()) {
            log.info("Members are linked again: {}", joined(healed));
        }
    }

    /**
     * Works out the missing pairs again, unless no report changed and the members are the
     * same: a refresh of a settled cluster then costs a comparison, not a pass over every
     * pair of nodes.
     */
    private void update(ClusterNode self, List<ClusterNode> members) {
        List<ClusterNode> nodesNow = new ArrayList<>(members.size() + 1);
        nodesNow.add(self);
        nodesNow.addAll(members);
        if (!reportsChanged && nodesNow.equals(lastNodes)) {
            return;
        }
        Set<NodeAddress> nodes = nodes(self, members);
        Map<NodeAddress, List<NodeAddress>> lacks = new HashMap<>();
        Set<Set<NodeAddress>> pairs = new HashSet<>();
        Set<NodeAddress> memberAddresses = members.stream().map(ClusterNode::address).collect(Collectors.toSet());
        lacks(self.address(), memberAddresses, nodes, lacks, pairs);
        for (NodeAddress member : memberAddresses) {
            Set<NodeAddress> linked = reports.get(member);
            if (linked != null) {
                lacks(member, linked, nodes, lacks, pairs);
            }
        }
        Instant now = clock.instant();
        missingSince.keySet().retainAll(pairs);
        pairs.forEach(pair -> missingSince.putIfAbsent(pair, now));
        lacking = lacks;
        reportsChanged = false;
        lastNodes = nodesNow;
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

    /** "first and second", by their ids. */
    private static String shown(Set<NodeAddress> pair) {
        return String.join(" and ", ids(pair).toList());
    }

    private static String joined(List<String> pairs) {
        List<String> sorted = pairs.stream().sorted().toList();
        String first = String.join("; ", sorted.subList(0, Math.min(sorted.size(), SHOWN_PAIRS)));
        return sorted.size() > SHOWN_PAIRS ? first + "; and " + (sorted.size() - SHOWN_PAIRS) + " more pair(s)" : first;
    }

}
