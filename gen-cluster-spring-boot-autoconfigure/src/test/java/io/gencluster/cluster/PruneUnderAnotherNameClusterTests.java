package io.gencluster.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.NodeAddress;
import io.gencluster.PeerLeftEvent;
import io.gencluster.membership.ClusterManagerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over real links: a member that discovery returns under a host name (SRV targets), that
 * dialled in first after this node's dials of that name had failed (it was not up yet),
 * is still discovered: it is neither listed as undiscovered nor pruned. (Whether this
 * node's retry or the peer's dial comes first is a race; the membership core's
 * {@code ClusterManagerPruningTests} pins the order.)
 */
@ExtendWith(OutputCaptureExtension.class)
class PruneUnderAnotherNameClusterTests {

    private TestNode a;

    private TestNode b;

    @AfterEach
    void stopAll() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    /**
     * Fails if a failed dial of the name before the member existed counts as proof that
     * the name is nobody's: the member would be pruned while discovery returns it.
     */
    @Test
    void aMemberThatDialledInAfterDialsOfItsNameFailedIsNotPruned(CapturedOutput output) throws IOException {
        int portOfB = freePort();
        SharedSeeds seedsOfA = new SharedSeeds();
        seedsOfA.add(NodeAddress.of("localhost", portOfB));
        a = TestNode.named("a")
            .settings(ClusterManagerSettings.every(Duration.ofMillis(200))
                .withPruneUndiscoveredAfter(Duration.ofSeconds(1)))
            .start(seedsOfA);
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.manager.pending().isEmpty());
        SharedSeeds seedsOfB = new SharedSeeds();
        seedsOfB.add(a.self().address());
        b = TestNode.named("b").port(portOfB).start(seedsOfB);

        await().atMost(Duration.ofSeconds(10)).until(() -> a.memberIds().equals(List.of(b.self().id())));
        await().during(Duration.ofSeconds(6))
            .atMost(Duration.ofSeconds(15))
            .until(() -> a.manager.undiscovered().isEmpty()
                    && a.events.events().stream().noneMatch(PeerLeftEvent.class::isInstance));
        assertThat(output.getOut()).doesNotContain("is no longer discovered");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
