package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gencluster.LeaveReason;
import io.gencluster.transport.Suspicion;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indirect probe on embedded links in virtual time (100 ms interval, 500 ms timeout):
 * A links to B and C, and B falls silent; what A does while it asks C.
 */
class IndirectProbeVirtualTimeTests {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final EmbeddedNodes nodes = new EmbeddedNodes(
            TestTransports.settings("unit").withHeartbeat(INTERVAL, TIMEOUT));

    private final Node a = nodes.node("a", 4370, 1);

    private final Node b = nodes.node("b", 4371, 2);

    private final Node c = nodes.node("c", 4372, 3);

    private final Connection toB = nodes.connect(a, b);

    private final Connection toC = nodes.connect(a, c);

    /** B's frames since it fell silent, in order (sealed: none may be skipped). */
    private final List<ByteBuf> held = new ArrayList<>();

    @BeforeEach
    void silenceBUntilTheTimeout() {
        toB.settle();
        toC.settle();
        assertThat(a.registry().members()).hasSize(2);
        for (Duration silent = INTERVAL; silent.compareTo(TIMEOUT) < 0; silent = silent.plus(INTERVAL)) {
            nodes.advance(INTERVAL);
            held.add(EmbeddedNodes.drain(toB.accepting()));
            toB.toAcceptor();
            toC.settle();
        }
        nodes.advance(INTERVAL);
        held.add(EmbeddedNodes.drain(toB.accepting()));
        assertThat(a.listener().leaveReason(b.self())).as("asking, not dropped yet").isEmpty();
        assertThat(toC.dialling().outboundMessages()).as("the question to C").isNotEmpty();
    }

    @AfterEach
    void close() {
        held.forEach(ByteBuf::release);
        nodes.close();
    }

    /**
     * Fails if "heard" may reach back past the timeout minus one interval: a member
     * frozen since just before the timeout would then count as heard by the others.
     */
    @Test
    void heardMeansTwoIntervalsButNeverAsFarBackAsAFrozenMembersLastFrame() {
        assertThat(IndirectProbes.heardWithin(Duration.ofMillis(2500), Duration.ofSeconds(10))).isEqualTo(5000);
        assertThat(IndirectProbes.heardWithin(Duration.ofSeconds(4), Duration.ofSeconds(10))).isEqualTo(5999);
    }

    /**
     * Fails if a peer whose delayed frames arrive while the others are asked is dropped
     * anyway, or if the refutation is not reported: tried by dropping the check of
     * {@code lastReadNanos} in {@code IndirectProbes.finish}.
     */
    @Test
    void aPeerThatSpeaksWhileTheOthersAreAskedKeepsItsLink() {
        held.forEach(bytes -> toB.dialling().writeInbound(bytes));
        held.clear();

        nodes.advance(INTERVAL);

        assertThat(toB.dialling().isOpen()).isTrue();
        assertThat(a.listener().leaveReason(b.self())).isEmpty();
        assertThat(a.listener().suspicions(b.self())).extracting(Suspicion::outcome)
            .containsExactly(Suspicion.Outcome.REFUTED);
    }

    /**
     * Fails if the question waits out its interval once every member asked has answered
     * (C, which has no link to B, answers that it does not hear it): tried by not ending
     * the question on the last answer.
     */
    @Test
    void theQuestionEndsAsSoonAsEveryMemberAskedHasAnswered() {
        toC.settle();
        nodes.runPendingTasks();

        assertThat(toB.dialling().isOpen()).isFalse();
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
    }

    /**
     * Fails if the question outlasts its interval when nobody answers (the link must
     * close at the timeout plus one interval), or if silence from the others counts as
     * heard.
     */
    @Test
    void unansweredQuestionsEndAfterOneIntervalAsHeartbeatTimeout() {
        nodes.advance(INTERVAL.minusMillis(1));
        assertThat(toB.dialling().isOpen()).as("within the interval").isTrue();

        nodes.advance(Duration.ofMillis(1));

        assertThat(toB.dialling().isOpen()).isFalse();
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(a.listener().suspicions(b.self())).singleElement()
            .satisfies(suspicion -> assertThat(suspicion.detail()).isEqualTo("heard by 0 of 1 member"));
    }

}
