package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.Suspicion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Suspect before you drop, on real loopback links: three transports, with the links to be
 * cut running through {@link FrameProxy proxies} that can fall silent.
 */
class IndirectProbeTests {

    private static final Duration INTERVAL = Duration.ofMillis(300);

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final UnaryOperator<TcpTransportSettings> HEARTBEATS = settings -> settings.withHeartbeat(INTERVAL,
            TIMEOUT);

    private final TestTransports transports = new TestTransports();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        transports.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /**
     * Fails with the feature broken by answering every question as not heard
     * ({@code asked} always answering {@code NOT_HEARD}): A and B then leave each other
     * as {@code HEARTBEAT_TIMEOUT}; or if C loses either of them.
     */
    @Test
    void aLinkSilentOnlyBetweenTwoNodesEndsAsHeardByOthersAtBothEndsWhileTheThirdKeepsBoth() throws Exception {
        TestTransports.Node a = transports.start("a", HEARTBEATS);
        TestTransports.Node b = transports.start("b", HEARTBEATS);
        TestTransports.Node c = transports.start("c", HEARTBEATS);
        FrameProxy aToB = proxyTo(b);
        a.transport().connect(aToB.address()).toCompletableFuture().get();
        c.transport().connect(a.address()).toCompletableFuture().get();
        c.transport().connect(b.address()).toCompletableFuture().get();
        await().atMost(WAIT).until(() -> a.transport().members().size() == 2 && b.transport().members().size() == 2);

        aToB.blackhole();

        await().atMost(WAIT)
            .until(() -> a.listener().leaveReason(b.self()).isPresent()
                    && b.listener().leaveReason(a.self()).isPresent());
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.HEARD_BY_OTHERS);
        assertThat(b.listener().leaveReason(a.self())).contains(LeaveReason.HEARD_BY_OTHERS);
        Suspicion suspicion = a.listener().suspicions(b.self()).get(0);
        assertThat(suspicion.outcome()).isEqualTo(Suspicion.Outcome.HEARD_BY_OTHERS);
        assertThat(suspicion.detail()).isEqualTo("heard by 1 of 1 member");
        assertThat(c.listener().events()).extracting(RecordingTransportListener.Event::type)
            .filteredOn(type -> type.equals("up") || type.equals("down"))
            .containsExactly("up", "up");
        assertThat(c.transport().members()).extracting(ClusterNode::id)
            .containsExactlyInAnyOrder(a.self().id(), b.self().id());
    }

    /**
     * Fails with the feature broken by waiting a heartbeat timeout instead of one
     * interval for the answers (the leave then comes about 4.3 s after the last frame,
     * past the 3.3 s deadline), or by counting an old frame as heard (no threshold: the
     * reason becomes {@code HEARD_BY_OTHERS}).
     */
    @Test
    void aFrozenPeerHeardByNobodyLeavesWithHeartbeatTimeoutWithinTheTimeoutPlusOneInterval() throws Exception {
        TestTransports.Node a = transports.start("a", HEARTBEATS);
        TestTransports.Node b = transports.start("b", HEARTBEATS);
        TestTransports.Node c = transports.start("c", HEARTBEATS);
        FrameProxy aToB = proxyTo(b);
        FrameProxy cToB = proxyTo(b);
        a.transport().connect(aToB.address()).toCompletableFuture().get();
        c.transport().connect(cToB.address()).toCompletableFuture().get();
        c.transport().connect(a.address()).toCompletableFuture().get();
        await().atMost(WAIT).until(() -> a.transport().members().size() == 2 && c.transport().members().size() == 2);

        aToB.blackhole();
        cToB.blackhole();

        // Nothing arrives after the cut, so the last frame was before it: the bound holds
        // from here, with a second for a loaded machine.
        await().atMost(TIMEOUT.plus(INTERVAL).plusSeconds(1))
            .until(() -> a.listener().leaveReason(b.self()).isPresent()
                    && c.listener().leaveReason(b.self()).isPresent());
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(c.listener().leaveReason(b.self())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        Suspicion suspicion = a.listener().suspicions(b.self()).get(0);
        assertThat(suspicion.outcome()).isEqualTo(Suspicion.Outcome.HEARD_BY_NONE);
        assertThat(suspicion.detail()).isEqualTo("heard by 0 of 1 member");
        assertThat(a.transport().members()).extracting(ClusterNode::id).containsExactly(c.self().id());
    }

    /**
     * Fails if a member's questions are answered without a bound (a member could make
     * this node write without limit), or if a question about a node that is not a member
     * is answered with a time; also failed when every answer was {@code NOT_HEARD}.
     */
    @Test
    void aMemberIsAnsweredAtMostSixtyFourQuestionsASecondAndOnlyAboutMembers() throws Exception {
        TestTransports.Node a = transports.start("a", HEARTBEATS);
        TestTransports.Node c = transports.start("c", HEARTBEATS);
        c.transport().connect(a.address()).toCompletableFuture().get();
        ClusterNode identity = new ClusterNode(new NodeAddress("raw", "127.0.0.1", 9), 7, Instant.now(),
                ClusterNode.Direction.LOCAL);
        try (RawPeer raw = RawPeer.connect(a.address())) {
            raw.handshake(identity, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> a.transport().members().size() == 2);
            long sent = System.nanoTime();
            for (int id = 0; id < 200; id++) {
                raw.send(new Message.HeardQuery(id, id % 2 == 0 ? c.address() : NodeAddress.parse("x@10.9.9.9:1")));
            }
            List<Message.HeardAnswer> answers = new ArrayList<>();
            while (System.nanoTime() - sent < Duration.ofMillis(1200).toNanos()) {
                if (raw.receive() instanceof Message.HeardAnswer answer) {
                    answers.add(answer);
                }
            }
            raw.send(new Message.HeardQuery(-1, c.address()));
            for (Message.HeardAnswer answer = raw.receive(Message.HeardAnswer.class); answer.id() != -1; answer = raw
                .receive(Message.HeardAnswer.class)) {
                answers.add(answer);
            }

            assertThat(answers).hasSize(IndirectProbes.MAX_QUESTIONS_PER_SECOND);
            assertThat(answers).filteredOn(answer -> answer.id() % 2 == 0)
                .allSatisfy(answer -> assertThat(answer.heardAgoMillis()).isBetween(0L, TIMEOUT.toMillis()));
            assertThat(answers).filteredOn(answer -> answer.id() % 2 != 0)
                .allSatisfy(answer -> assertThat(answer.heardAgoMillis()).isEqualTo(Message.HeardAnswer.NOT_HEARD));
        }
    }

    private FrameProxy proxyTo(TestTransports.Node node) throws Exception {
        FrameProxy proxy = FrameProxy.to(node.address());
        resources.add(proxy);
        return proxy;
    }

}
