package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.Suspicion;
import io.gencluster.transport.TransportListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link TransportListener} for tests: records every call and checks the contract as it
 * goes (an up is followed by exactly one down before any other up of that incarnation,
 * never a down without an up). The same incarnation may come back after it left (a healed
 * partition). Reusable by any transport test.
 */
public class RecordingTransportListener implements TransportListener {

    /** One listener call. */
    public record Event(String type, ClusterNode node, LeaveReason reason, String thread) {
    }

    /** One announcement of a member's changes, as the listener received it. */
    public record Announcement(Set<NodeAddress> joined, Set<NodeAddress> left) {
    }

    private final List<Event> events = new ArrayList<>();

    private final Map<String, ClusterNode> up = new LinkedHashMap<>();

    private final Map<String, Set<NodeAddress>> announced = new LinkedHashMap<>();

    private final Map<String, List<Announcement>> announcements = new LinkedHashMap<>();

    private final List<String> violations = new ArrayList<>();

    private final Map<String, List<Duration>> roundTrips = new LinkedHashMap<>();

    private final Map<String, List<Suspicion>> suspicions = new LinkedHashMap<>();

    private final Map<String, List<Set<NodeAddress>>> linkReports = new LinkedHashMap<>();

    private final Map<String, List<Envelope>> envelopes = new LinkedHashMap<>();

    @Override
    public synchronized void envelopeReceived(ClusterNode node, Envelope envelope) {
        envelopes.computeIfAbsent(key(node), k -> new ArrayList<>()).add(envelope);
    }

    /** The envelopes received from a node's incarnation, in order. */
    public synchronized List<Envelope> envelopes(ClusterNode node) {
        return List.copyOf(envelopes.getOrDefault(key(node), List.of()));
    }

    @Override
    public synchronized void peerLinksReported(ClusterNode node, Set<NodeAddress> linked) {
        linkReports.computeIfAbsent(key(node), k -> new ArrayList<>()).add(linked);
    }

    /** The links a node's incarnation reported, each report in order. */
    public synchronized List<Set<NodeAddress>> linkReports(ClusterNode node) {
        return List.copyOf(linkReports.getOrDefault(key(node), List.of()));
    }

    @Override
    public synchronized void peerSuspected(ClusterNode node, Suspicion suspicion) {
        suspicions.computeIfAbsent(key(node), k -> new ArrayList<>()).add(suspicion);
    }

    /** The suspicions of a node's incarnation, in order. */
    public synchronized List<Suspicion> suspicions(ClusterNode node) {
        return List.copyOf(suspicions.getOrDefault(key(node), List.of()));
    }

    @Override
    public synchronized void peerUp(ClusterNode node) {
        events.add(new Event("up", node, null, Thread.currentThread().getName()));
        String key = key(node);
        if (up.putIfAbsent(key, node) != null) {
            violations.add("second peerUp(" + node + ") without a peerDown between");
        }
    }

    @Override
    public synchronized void peerDown(ClusterNode node, LeaveReason reason) {
        events.add(new Event("down", node, reason, Thread.currentThread().getName()));
        String key = key(node);
        announced.remove(key);
        announcements.remove(key);
        if (up.remove(key) == null) {
            violations.add("peerDown(" + node + ", " + reason + ") without a matching peerUp");
        }
    }

    @Override
    public synchronized void peerLinkReplaced(ClusterNode node) {
        events.add(new Event("relinked", node, null, Thread.currentThread().getName()));
        if (up.replace(key(node), node) == null) {
            violations.add("peerLinkReplaced(" + node + ") of a node that is not up");
        }
    }

    @Override
    public synchronized void peerMembersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
        events.add(new Event("members", node, null, Thread.currentThread().getName()));
        Set<NodeAddress> known = new HashSet<>(announced.getOrDefault(key(node), Set.of()));
        known.removeAll(left);
        known.addAll(joined);
        announced.put(key(node), Set.copyOf(known));
        announcements.computeIfAbsent(key(node), k -> new ArrayList<>()).add(new Announcement(joined, left));
    }

    @Override
    public synchronized void peerMetadataChanged(ClusterNode node) {
        events.add(new Event("metadata", node, null, Thread.currentThread().getName()));
    }

    @Override
    public synchronized void announcementRefused(ClusterNode node) {
        events.add(new Event("refused", node, null, Thread.currentThread().getName()));
    }

    @Override
    public synchronized void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
        roundTrips.computeIfAbsent(key(node), k -> new ArrayList<>()).add(roundTrip);
    }

    /** The heartbeat round trips reported for a member, in order. */
    public synchronized List<Duration> roundTrips(ClusterNode node) {
        return List.copyOf(roundTrips.getOrDefault(key(node), List.of()));
    }

    /** Every call so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The nodes reported up and not yet down. */
    public synchronized Set<ClusterNode> members() {
        return Set.copyOf(up.values());
    }

    /** The nodes reported up, in order, including those that left since. */
    public synchronized List<ClusterNode> joined() {
        return events.stream().filter(event -> event.type().equals("up")).map(Event::node).toList();
    }

    /** The leave reasons reported for a node, any incarnation, in order. */
    public synchronized List<LeaveReason> leaveReasons(String nodeId) {
        return events.stream()
            .filter(event -> event.type().equals("down") && event.node().id().equals(nodeId))
            .map(Event::reason)
            .toList();
    }

    /** The reason the given incarnation left, if it did. */
    public synchronized Optional<LeaveReason> leaveReason(ClusterNode node) {
        return events.stream()
            .filter(event -> event.type().equals("down") && event.node().isSameIncarnation(node))
            .map(Event::reason)
            .findFirst();
    }

    /** Every announcement a member made over its current link, in order. */
    public synchronized List<Announcement> announcementsBy(ClusterNode node) {
        return List.copyOf(announcements.getOrDefault(key(node), List.of()));
    }

    /** The members a member has announced over its current link, changes applied. */
    public synchronized Optional<Set<NodeAddress>> announcedBy(ClusterNode node) {
        return Optional.ofNullable(announced.get(key(node)));
    }

    /** Fails when any call broke the contract so far. */
    public synchronized void assertContractKept() {
        assertThat(violations).as("transport listener contract violations").isEmpty();
    }

    /**
     * Fails unless the contract was kept and every node that joined has left exactly
     * once.
     */
    public synchronized void assertEveryJoinLeftOnce() {
        assertContractKept();
        assertThat(up).as("nodes that joined and never left").isEmpty();
    }

    private static String key(ClusterNode node) {
        return node.id() + "#" + node.incarnationHex();
    }

}
