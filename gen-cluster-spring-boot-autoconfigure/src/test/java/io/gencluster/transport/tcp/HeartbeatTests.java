package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gencluster.LeaveReason;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.gencluster.transport.tcp.noise.CipherState;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats on an embedded link in virtual time: a 100 ms interval and a 500 ms timeout
 * hold or fail exactly, however loaded the machine that runs the test.
 */
class HeartbeatTests {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final EmbeddedNodes nodes = new EmbeddedNodes(
            TestTransports.settings("unit").withHeartbeat(INTERVAL, TIMEOUT));

    private final Node a = nodes.node("a", 4370, 1);

    private final Node b = nodes.node("b", 4371, 2);

    private final Connection link = nodes.connect(a, b);

    @BeforeEach
    void linkUp() {
        link.settle();
        assertThat(a.registry().members()).hasSize(1);
        assertThat(b.registry().members()).hasSize(1);
    }

    private void settleIdle(int intervals) {
        for (int beat = 0; beat < intervals; beat++) {
            nodes.advance(INTERVAL);
            link.settle();
        }
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if a side sends no heartbeat after an interval of sending nothing (the other
     * side's timeout then closes the idle link), or if the echoes do not measure a round
     * trip at both ends and tell the listener.
     */
    @Test
    void heartbeatsKeepAnIdleLinkUpForSixTimeoutsAndMeasureTheRoundTripAtBothEnds() {
        for (Duration idle = Duration.ZERO; idle.compareTo(TIMEOUT.multipliedBy(6)) < 0; idle = idle.plus(INTERVAL)) {
            nodes.advance(INTERVAL);
            link.settle();
        }

        for (Node node : new Node[] { a, b }) {
            assertThat(node.listener().events()).extracting(RecordingTransportListener.Event::type)
                .containsExactly("up");
        }
        assertThat(link.dialling().isOpen()).isTrue();
        assertThat(link.accepting().isOpen()).isTrue();
        assertThat(link.diallerLink().roundTripTime).isNotNull();
        assertThat(link.acceptorLink().roundTripTime).isNotNull();
        assertThat(a.listener().roundTrips(b.self())).as("told to a's listener").isNotEmpty();
        assertThat(b.listener().roundTrips(a.self())).as("told to b's listener").isNotEmpty();
    }

    /**
     * Fails if an idle link sends more than a tick per interval besides one probe and one
     * echo per {@link HeartbeatHandler#PROBE_EVERY} intervals in each direction (idle
     * links are most of a large cluster's traffic), or if it stops measuring the round
     * trip.
     */
    @Test
    void anIdleLinkSendsTicksAndMeasuresTheRoundTripOncePerProbeInterval() {
        settleIdle(HeartbeatHandler.PROBE_EVERY);
        int measuredBefore = a.listener().roundTrips(b.self()).size();
        List<Integer> frames = new ArrayList<>();

        for (int beat = 0; beat < 2 * HeartbeatHandler.PROBE_EVERY; beat++) {
            nodes.advance(INTERVAL);
            ByteBuf sent = EmbeddedNodes.drain(link.dialling());
            frames.add(sent.readableBytes());
            link.accepting().writeInbound(sent);
            link.toDialler();
        }

        int tick = FrameDecoder.LENGTH_FIELD_LENGTH + 1 + CipherState.TAG_LENGTH;
        int heartbeat = FrameDecoder.LENGTH_FIELD_LENGTH + 1 + 3 * Long.BYTES + CipherState.TAG_LENGTH;
        assertThat(frames).containsOnly(tick, heartbeat);
        assertThat(frames).filteredOn(size -> size == heartbeat)
            .as("a probe and an echo per probe interval")
            .hasSize(4);
        assertThat(a.listener().roundTrips(b.self())).hasSize(measuredBefore + 2);
    }

    /**
     * Fails if the link closes before the timeout while the peer is silent (heartbeats
     * sent counted as nothing heard), or if it is not closed at the timeout as
     * {@code HEARTBEAT_TIMEOUT}.
     */
    @Test
    void aPeerThatFallsSilentLeavesWithHeartbeatTimeoutAtTheTimeoutAndNotBefore() {
        for (Duration silent = INTERVAL; silent.compareTo(TIMEOUT) < 0; silent = silent.plus(INTERVAL)) {
            nodes.advance(INTERVAL);
            EmbeddedNodes.drain(link.accepting()).release();
            link.toAcceptor();
            assertThat(a.listener().events()).as("after %s of silence", silent).hasSize(1);
        }

        nodes.advance(INTERVAL);

        assertThat(link.dialling().isOpen()).isFalse();
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
    }

}
