package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes that dial each other at once, on embedded channels, in every order in which
 * the two ends can see the two links authenticate: both keep the link dialled by the node
 * with the smaller id ({@link Link#KEEP_ORDER}), report one join and no leave, close the
 * other link (after the goodbyes, delivered at once or late) and show opposite
 * directions.
 */
class DuplicateLinkTests {

    private static final Duration LOW_RTT = Duration.ofMillis(7);

    private static final Duration HIGH_RTT = Duration.ofMillis(9);

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    /**
     * The node whose link is kept: {@code a} sorts before {@code b}. Its incarnation is
     * the larger one, so that an order by incarnation alone would keep the other link.
     */
    private final Node low = nodes.node("a", 4370, 2);

    private final Node high = nodes.node("b", 4371, 1);

    /**
     * Dialled by host name, not at the addresses the nodes advertise: neither node can
     * tell that it is dialling the peer whose dial it accepts, so both handshakes finish
     * (where it can, {@link CrossedDialTests} shows the shortcut).
     */
    private final Connection byLow = nodes.connect(low, high, new NodeAddress(null, "localhost", 4371));

    private final Connection byHigh = nodes.connect(high, low, new NodeAddress(null, "localhost", 4370));

    private final Map<Node, Duration> measured = new HashMap<>();

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if the kept link takes the member record of the link it replaced
     * ({@code link.member =
     * current.member} in {@link LinkRegistry#authenticated}): where the kept link comes
     * second, that end shows the other link's direction, and both ends say
     * {@code outbound} (or {@code inbound}). Fails if the tie-break is not the same at
     * both ends (both links close or both stay), if the round-trip time is not carried to
     * the kept link, or if a goodbye on a superseded link, early or late, is taken as a
     * leave.
     * @param order the four authentications, {@code link@end}, in the order they happen
     * @param goodbyesAtOnce whether goodbyes are read as soon as they are sent, or only
     * at the end
     */
    @ParameterizedTest(name = "{0}, goodbyes at once: {1}")
    @CsvSource({ "byLow@low byLow@high byHigh@high byHigh@low, true",
            "byLow@low byLow@high byHigh@high byHigh@low, false", "byLow@low byHigh@high byLow@high byHigh@low, true",
            "byLow@low byHigh@high byLow@high byHigh@low, false", "byHigh@high byHigh@low byLow@low byLow@high, true",
            "byHigh@high byHigh@low byLow@low byLow@high, false" })
    void bothEndsKeepTheLinkDialledByTheSmallerIdWithOppositeDirections(String order, boolean goodbyesAtOnce) {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : order.split(" ")) {
            authenticate(step);
            measureOnce(low, LOW_RTT);
            measureOnce(high, HIGH_RTT);
            if (goodbyesAtOnce) {
                settleAuthenticated();
            }
        }
        byLow.settle();
        byHigh.settle();

        assertKept(low, byLow.diallerLink(), ClusterNode.Direction.OUTBOUND, LOW_RTT);
        assertKept(high, byLow.acceptorLink(), ClusterNode.Direction.INBOUND, HIGH_RTT);
        assertThat(byLow.diallerLink().handshakeHash).isEqualTo(byLow.acceptorLink().handshakeHash);
        assertThat(byHigh.dialling().isOpen()).as("superseded link, dialler's end").isFalse();
        assertThat(byHigh.accepting().isOpen()).as("superseded link, acceptor's end").isFalse();
        assertThat(byLow.dialling().isOpen()).isTrue();
        assertThat(byLow.accepting().isOpen()).isTrue();
    }

    /**
     * Fails if two links dialled by the same node are not ordered by their handshake hash
     * (the last key of {@link Link#KEEP_ORDER}), which both ends share: the ends would
     * keep different links.
     */
    @Test
    void twoLinksDialledByOneNodeKeepTheOneWithTheSmallerHandshakeHashAtBothEnds() {
        byHigh.dialling().close();
        byHigh.accepting().close();
        Connection again = nodes.connect(low, high);
        for (Connection connection : List.of(byLow, again)) {
            connection.toAcceptor();
            connection.toDialler();
        }
        // The ends take the links in opposite orders: only the hash can make them agree.
        again.toAcceptor();
        byLow.toAcceptor();
        byLow.settle();
        again.settle();

        Connection kept = Arrays.compareUnsigned(byLow.diallerLink().handshakeHash,
                again.diallerLink().handshakeHash) < 0 ? byLow : again;
        Connection dropped = kept == byLow ? again : byLow;
        assertKept(low, kept.diallerLink(), ClusterNode.Direction.OUTBOUND, null);
        assertKept(high, kept.acceptorLink(), ClusterNode.Direction.INBOUND, null);
        assertThat(dropped.dialling().isOpen()).isFalse();
        assertThat(dropped.accepting().isOpen()).isFalse();
    }

    /**
     * Fails if a member whose live link is lost is not taken down at once, or if the link
     * still waiting for the goodbyes to close is left open (or reported) after the member
     * left.
     */
    @Test
    void whenTheKeptLinkIsLostTheSupersededOneClosesAndTheMemberLeavesOnce() {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : "byHigh@high byHigh@low byLow@low byLow@high".split(" ")) {
            authenticate(step);
        }
        assertThat(byHigh.accepting().isOpen()).as("superseded, goodbyes not read yet").isTrue();

        byLow.dialling().close();

        assertThat(byHigh.accepting().isOpen()).isFalse();
        assertThat(low.listener().events()).extracting(RecordingTransportListener.Event::type)
            .containsExactly("up", "relinked", "down");
        assertThat(low.listener().leaveReason(high.self())).contains(LeaveReason.CONNECTION_LOST);
        assertThat(low.registry().members()).isEmpty();
    }

    /**
     * Fails if a superseded link whose peer falls silent (its goodbye lost, say) is not
     * closed at the heartbeat timeout (the superseded branch of
     * {@link HeartbeatHandler#userEventTriggered}): it would stay open, with its channel
     * and buffers, for as long as the node runs. Its closing is no leave: the member
     * stays up over the kept link.
     */
    @Test
    void aSupersededLinkThatFallsSilentClosesAtTheHeartbeatTimeoutWithoutALeave() {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : "byHigh@high byHigh@low byLow@low byLow@high".split(" ")) {
            authenticate(step);
        }
        assertThat(byHigh.accepting().isOpen()).as("superseded, goodbyes not read yet").isTrue();
        Duration interval = TestTransports.settings("unit").heartbeatInterval();
        Duration timeout = TestTransports.settings("unit").heartbeatTimeout();

        for (Duration silent = interval; silent.compareTo(timeout) < 0; silent = silent.plus(interval)) {
            nodes.advance(interval);
            byLow.settle();
            assertThat(byHigh.accepting().isOpen()).as("after %s of silence", silent).isTrue();
        }
        nodes.advance(interval);
        byLow.settle();

        assertThat(byHigh.accepting().isOpen()).isFalse();
        assertThat(byHigh.dialling().isOpen()).isFalse();
        assertThat(byLow.dialling().isOpen()).isTrue();
        for (Node node : List.of(low, high)) {
            assertThat(node.listener().events()).as("%s saw", node.self().name())
                .extracting(RecordingTransportListener.Event::type)
                .doesNotContain("down");
            assertThat(node.registry().members()).hasSize(1);
        }
    }

    /**
     * Fails if a peer that stops before it took the link that replaced its own is seen to
     * leave as {@code CONNECTION_LOST}: its goodbye came over the superseded link, and
     * the kept one closes without one.
     */
    @Test
    void aPeerThatStopsBeforeTakingTheKeptLinkLeavesAsShutdown() {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : "byHigh@high byHigh@low byLow@low".split(" ")) {
            authenticate(step);
        }
        high.registry().beginStop();
        byHigh.diallerLink().send(new Message.Goodbye(Message.Goodbye.Reason.SHUTDOWN));
        byHigh.toAcceptor();

        byLow.accepting().close();
        byLow.settle();

        assertThat(low.listener().leaveReasons(high.self().id())).containsExactly(LeaveReason.SHUTDOWN);
    }

    /**
     * Fails if a heartbeat round trip measured over a superseded link is reported (the
     * {@code live == link} check of {@link LinkRegistry#roundTripMeasured}): until the
     * goodbyes close it, the losing link still carries the peer's heartbeats, and its
     * times would be mixed into the member's.
     */
    @Test
    void onlyTheLiveLinksRoundTripsAreReported() {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : "byHigh@high byHigh@low byLow@low".split(" ")) {
            authenticate(step);
        }
        assertThat(byHigh.acceptorLink().state).as("byHigh at low").isEqualTo(Link.State.SUPERSEDED);

        byHigh.diallerLink().send(echoOfOneMillisecondAgo());
        byHigh.toAcceptor();
        assertThat(byHigh.acceptorLink().roundTripTime).as("measured on the superseded link").isNotNull();
        assertThat(low.listener().roundTrips(high.self())).as("reported from the superseded link").isEmpty();

        byLow.toAcceptor();
        byLow.acceptorLink().send(echoOfOneMillisecondAgo());
        byLow.toDialler();
        assertThat(low.listener().roundTrips(high.self())).as("reported from the live link")
            .singleElement()
            .isEqualTo(byLow.diallerLink().roundTripTime);
    }

    /**
     * Fails if an application message that comes over a link after it lost is dropped
     * (the superseded state left out of {@code LinkHandler.envelopeReceived}): the peer
     * sent it over what was, at its end, still the live link, and nothing sends it again.
     */
    @Test
    void anEnvelopeThatComesOverTheLinkThatLostIsStillDelivered() {
        byLow.toAcceptor();
        byHigh.toAcceptor();
        for (String step : "byHigh@high byHigh@low byLow@low".split(" ")) {
            authenticate(step);
        }
        assertThat(byHigh.acceptorLink().state).as("byHigh at low").isEqualTo(Link.State.SUPERSEDED);
        Envelope envelope = new Envelope(Envelope.Kind.ONE_WAY, 0, "last-words", Map.of(), new byte[] { 7 });

        byHigh.diallerLink().send(new Message.EnvelopeFrame(envelope));
        byHigh.toAcceptor();

        assertThat(low.listener().envelopes(high.self())).containsExactly(envelope);
    }

    /** A heartbeat that echoes one sent a millisecond ago and held for no time. */
    private static Message.Heartbeat echoOfOneMillisecondAgo() {
        long now = System.nanoTime();
        return new Message.Heartbeat(now, now - Duration.ofMillis(1).toNanos(), 0);
    }

    private void authenticate(String step) {
        switch (step) {
            case "byLow@low" -> byLow.toDialler();
            case "byLow@high" -> byLow.toAcceptor();
            case "byHigh@high" -> byHigh.toDialler();
            case "byHigh@low" -> byHigh.toAcceptor();
            default -> throw new IllegalArgumentException(step);
        }
    }

    /**
     * The first link a node takes gets a round trip, which the kept link must carry on.
     */
    private void measureOnce(Node node, Duration roundTrip) {
        if (!measured.containsKey(node) && !node.registry().members().isEmpty()) {
            ClusterNode member = node.registry().members().iterator().next();
            node.registry().liveLink(member).orElseThrow().roundTripTime = roundTrip;
            measured.put(node, roundTrip);
        }
    }

    private void settleAuthenticated() {
        for (Connection connection : List.of(byLow, byHigh)) {
            if (connection.dialling().pipeline().get(HandshakeHandler.class) == null
                    && connection.accepting().pipeline().get(HandshakeHandler.class) == null) {
                connection.settle();
            }
        }
    }

    private static void assertKept(Node node, Link kept, ClusterNode.Direction direction, Duration roundTrip) {
        node.listener().assertContractKept();
        assertThat(node.listener().events()).as("%s saw", node.self().name())
            .extracting(RecordingTransportListener.Event::type)
            .startsWith("up")
            .containsOnlyOnce("up")
            .doesNotContain("down");
        assertThat(node.registry().openLinks()).isEqualTo(1);
        ClusterNode member = node.registry().members().iterator().next();
        assertThat(node.registry().liveLink(member)).containsSame(kept);
        assertThat(member.direction()).as("%s's member record", node.self().name()).isEqualTo(direction);
        assertThat(node.listener().members()).singleElement()
            .extracting(ClusterNode::direction)
            .as("%s's listener", node.self().name())
            .isEqualTo(direction);
        assertThat(kept.roundTripTime).isEqualTo(roundTrip);
    }

}
