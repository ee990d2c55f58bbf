package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.PeerLeftEvent;
import io.gencluster.transport.Suspicion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the manager makes of the transport's suspicions: the leave that follows one
 * carries its count as the event's detail and in the log line, each peer's last one is
 * kept for the endpoint, and a leave for another reason carries nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerSuspicionTests {

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);

    private static final ClusterNode C = DialScript.node("c", 4372, ClusterNode.Direction.INBOUND);

    private final DialScript transport = new DialScript();

    private final List<PeerLeftEvent> leaves = new CopyOnWriteArrayList<>();

    private final ClusterManager manager = new ClusterManager(transport, List.of(Set::of),
            ClusterManagerSettings.every(Duration.ofHours(1)), event -> {
                if (event instanceof PeerLeftEvent left) {
                    leaves.add(left);
                }
            });

    @BeforeEach
    void joinTwoPeers() {
        manager.start();
        transport.dialledBy(B);
        transport.dialledBy(C);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if the leave after a suspicion loses its detail (event or log), or if the
     * suspicion is not kept for the endpoint.
     */
    @Test
    void aLeaveAfterASuspicionCarriesHowManyStillHeardThePeer(CapturedOutput output) {
        Suspicion heard = new Suspicion(Suspicion.Outcome.HEARD_BY_OTHERS, 1, 1, Instant.now());
        transport.suspected(B, heard);
        transport.linkDown(B, LeaveReason.HEARD_BY_OTHERS);

        await().until(() -> leaves.size() == 1);
        assertThat(leaves.get(0).getReason()).isEqualTo(LeaveReason.HEARD_BY_OTHERS);
        assertThat(leaves.get(0).getDetail()).isEqualTo("heard by 1 of 1 member");
        assertThat(output.getOut()).contains("left: HEARD_BY_OTHERS (heard by 1 of 1 member)");
        assertThat(manager.suspicions()).containsExactly(new SuspectedPeer(B.id(), heard));
    }

    /**
     * Fails if a suspicion that was refuted, or one of an earlier incarnation, details a
     * later leave.
     */
    @Test
    void aRefutedSuspicionDetailsNoLaterLeave() {
        transport.suspected(B, new Suspicion(Suspicion.Outcome.REFUTED, 1, 0, Instant.now()));
        transport.suspected(C, new Suspicion(Suspicion.Outcome.HEARD_BY_NONE, 1, 0, Instant.now()));
        transport.linkDown(B, LeaveReason.HEARTBEAT_TIMEOUT);
        transport.linkDown(C, LeaveReason.CONNECTION_LOST);

        await().until(() -> leaves.size() == 2);
        assertThat(leaves).extracting(PeerLeftEvent::getDetail).containsExactly("", "");
        assertThat(manager.suspicions()).extracting(peer -> peer.suspicion().outcome())
            .containsExactly(Suspicion.Outcome.REFUTED, Suspicion.Outcome.HEARD_BY_NONE);
    }

}
