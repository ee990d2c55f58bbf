package io.gencluster.transport.tcp;

import java.util.concurrent.CompletionException;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes that dial each other at the addresses they advertise, on embedded channels:
 * the node whose link wins ({@link Link#KEEP_ORDER}: the smaller id dialled it) refuses
 * the other dial after its first message, before the key exchange, and that dial
 * completes with the member once the winning link is up.
 */
class CrossedDialTests {

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node low = nodes.node("a", 4370, 2);

    private final Node high = nodes.node("b", 4371, 1);

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if the winning node answers the crossed dial with message 2 (it would pay for
     * a key pair and a key exchange, and a second link would authenticate), if the losing
     * node refuses the winning dial, or if the refused dial fails or completes before the
     * winning link is up.
     */
    @Test
    void theNodeWhoseLinkWinsRefusesTheCrossedDialBeforeTheKeyExchange() {
        Connection byLow = nodes.connect(low, high);
        Connection byHigh = nodes.connect(high, low);
        byLow.toAcceptor();
        byHigh.toAcceptor();

        byHigh.toDialler();

        assertThat(byHigh.acceptorLink().handshakeHash).as("no key exchange at the winning end").isNull();
        assertThat(byHigh.diallerLink().handshakeHash).isNull();
        assertThat(byHigh.dialling().isOpen()).isFalse();
        assertThat(byHigh.connected()).isNotDone();

        byLow.settle();
        nodes.runPendingTasks();

        assertThat(byLow.connected()).isCompleted();
        assertThat(byLow.connected().join().id()).isEqualTo(high.self().id());
        assertThat(byHigh.connected()).isCompleted();
        ClusterNode member = byHigh.connected().join();
        assertThat(member.id()).isEqualTo(low.self().id());
        assertThat(member.direction()).isEqualTo(ClusterNode.Direction.INBOUND);
        assertOneLinkEach();
    }

    /**
     * Fails if a dial refused for a link that never comes up waits forever, or fails with
     * anything but {@code DUPLICATE_LINK} at the handshake timeout.
     */
    @Test
    void aCrossedDialWhoseWinningLinkNeverComesUpFailsAtTheHandshakeTimeout() {
        Connection byLow = nodes.connect(low, high);
        Connection byHigh = nodes.connect(high, low);
        byLow.toAcceptor();
        byHigh.toAcceptor();
        byHigh.toDialler();
        byLow.dialling().close();
        byLow.settle();

        nodes.advance(TestTransports.settings("unit").handshakeTimeout());

        assertThat(byHigh.connected()).isCompletedExceptionally();
        assertThatThrownBy(() -> byHigh.connected().join()).isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOfSatisfying(PeerRejectedException.class,
                    rejected -> assertThat(rejected.getReason()).isEqualTo(PeerRejectedException.Reason.DUPLICATE_LINK))
            .hasMessageContaining("is dialling this node instead");
        assertThat(high.registry().members()).isEmpty();
    }

    /**
     * Fails if a dial to a member whose live link the other node dialled runs a whole
     * handshake only to be superseded, or does not complete with that member.
     */
    @Test
    void aDialAlongALiveLinkCompletesWithTheMemberAtOnce() {
        Connection byLow = nodes.connect(low, high);
        byLow.settle();

        Connection again = nodes.connect(high, low);
        again.settle();
        nodes.runPendingTasks();

        assertThat(again.connected()).isCompleted();
        assertThat(again.connected().join().id()).isEqualTo(low.self().id());
        assertThat(again.acceptorLink().handshakeHash).isNull();
        assertOneLinkEach();
    }

    private void assertOneLinkEach() {
        for (Node node : new Node[] { low, high }) {
            node.listener().assertContractKept();
            assertThat(node.listener().events()).extracting(RecordingTransportListener.Event::type)
                .containsExactly("up");
            assertThat(node.registry().openLinks()).isEqualTo(1);
        }
    }

}
