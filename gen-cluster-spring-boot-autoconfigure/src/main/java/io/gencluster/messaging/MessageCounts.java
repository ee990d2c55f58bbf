package io.gencluster.messaging;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * What this node's messaging did: messages (requests and replies included) sent and
 * received, in all and per member while it is a member, and failures by kind. Meters and
 * the actuator read it.
 */
public final class MessageCounts {

    /** Messages sent to and received from one member. */
    public record PerMember(long sent, long received) {
    }

    private final LongAdder sent = new LongAdder();

    private final LongAdder received = new LongAdder();

    private final Map<ClusterMessagingException.Failure, LongAdder> failed = new EnumMap<>(
            ClusterMessagingException.Failure.class);

    /** One run of a member: its address and incarnation, cheap to hash per message. */
    private record Incarnation(NodeAddress address, long incarnation) {
    }

    private final Map<Incarnation, LongAdder[]> members = new ConcurrentHashMap<>();

    MessageCounts() {
        for (ClusterMessagingException.Failure failure : ClusterMessagingException.Failure.values()) {
            failed.put(failure, new LongAdder());
        }
    }

    /**
     * Messages written to links.
     * @return the count since start
     */
    public long sent() {
        return sent.sum();
    }

    /**
     * Messages received from members.
     * @return the count since start
     */
    public long received() {
        return received.sum();
    }

    /**
     * Messages that failed here, sending or handling, of one kind.
     * @param failure the kind
     * @return the count since start
     */
    public long failed(ClusterMessagingException.Failure failure) {
        return failed.get(failure).sum();
    }

    /**
     * Messages exchanged with a member since it joined.
     * @param member the member
     * @return the counts, or empty when nothing was exchanged with it
     */
    public Optional<PerMember> of(ClusterNode member) {
        LongAdder[] counts = members.get(key(member));
        return counts == null ? Optional.empty() : Optional.of(new PerMember(counts[0].sum(), counts[1].sum()));
    }

    void sent(ClusterNode member) {
        sent.increment();
        counts(member)[0].increment();
    }

    void received(ClusterNode member) {
        received.increment();
        counts(member)[1].increment();
    }

    void recordFailure(ClusterMessagingException.Failure failure) {
        failed.get(failure).increment();
    }

    /** A member left: its counts go (the totals keep them). */
    void left(ClusterNode member) {
        members.remove(key(member));
    }

    private LongAdder[] counts(ClusterNode member) {
        Incarnation key = key(member);
        LongAdder[] counts = members.get(key);
        return counts != null ? counts
                : members.computeIfAbsent(key, absent -> new LongAdder[] { new LongAdder(), new LongAdder() });
    }

    private static Incarnation key(ClusterNode member) {
        return new Incarnation(member.address(), member.incarnation());
    }

}
