package io.gencluster.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node's log ended when a fault began, so a scenario reads only the joins,
 * leaves and warnings that the fault caused.
 */
final class LogMarks {

    private final Map<SampleNode, Long> marks = new LinkedHashMap<>();

    private final Instant at = Instant.now();

    private LogMarks(Collection<SampleNode> nodes) {
        nodes.forEach(node -> marks.put(node, node.log().mark()));
    }

    /** Marks the current end of each node's log. */
    static LogMarks of(Collection<SampleNode> nodes) {
        return new LogMarks(nodes);
    }

    /** When the marks were taken. */
    Instant at() {
        return at;
    }

    /** The lines {@code node} logged since the mark. */
    List<String> lines(SampleNode node) {
        return node.log().linesSince(mark(node));
    }

    /** The joins and leaves {@code node} logged since the mark. */
    List<PeerLogLine> peerEvents(SampleNode node) {
        return node.log().peerEventsSince(mark(node));
    }

    /** The leaves of {@code peer} that {@code node} logged since the mark. */
    List<PeerLogLine> leaves(SampleNode node, SampleNode peer) {
        return peerEvents(node).stream().filter(line -> !line.joined() && line.peer().equals(peer.id())).toList();
    }

    /** The joins of {@code peer} that {@code node} logged since the mark. */
    List<PeerLogLine> joins(SampleNode node, SampleNode peer) {
        return peerEvents(node).stream().filter(line -> line.joined() && line.peer().equals(peer.id())).toList();
    }

    /**
     * The joins and leaves of {@code peer} that {@code node} logged since the mark,
     * checked to alternate (join, leave, join, ...) as the contract promises: one leave
     * per join.
     */
    List<PeerLogLine> alternatingEvents(SampleNode node, SampleNode peer) {
        List<PeerLogLine> events = peerEvents(node).stream().filter(line -> line.peer().equals(peer.id())).toList();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).joined() != (i % 2 == 0)) {
                throw new AssertionError(
                        node.name() + " logged " + peer.name() + "'s joins and leaves out of turn: " + events);
            }
        }
        return events;
    }

    /** How long after {@code from} the latest of these lines was logged. */
    static Duration latestAfter(Instant from, Collection<PeerLogLine> lines) {
        return lines.stream()
            .map(line -> Duration.between(from, line.at()))
            .max(Duration::compareTo)
            .orElseThrow(() -> new AssertionError("no log lines to time"));
    }

    private long mark(SampleNode node) {
        Long mark = marks.get(node);
        if (mark == null) {
            throw new IllegalArgumentException(node.name() + " was not marked");
        }
        return mark;
    }

}
