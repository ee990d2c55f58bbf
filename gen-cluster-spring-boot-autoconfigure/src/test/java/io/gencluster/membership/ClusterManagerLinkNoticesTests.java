package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerMetadataChangedEvent;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.TransportListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the manager does with each notice the transport gives it about links: members'
 * metadata and kept links, the links members report, refused connections, and the added
 * link listeners (messaging) that hear of links and their messages.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerLinkNoticesTests {

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);

    private static final ClusterNode C = DialScript.node("c", 4372, ClusterNode.Direction.INBOUND);

    private final DialScript transport = new DialScript();

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final RecordingActivity activity = new RecordingActivity();

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final TestClock clock = new TestClock();

    private final ClusterManager manager = new ClusterManager(transport, List.of(Set::of),
            ClusterManagerSettings.every(Duration.ofHours(1)), event -> events.add((ClusterEvent) event), clock);

    @BeforeEach
    void start() {
        manager.addActivityListener(activity);
        manager.addLinkListener(new TransportListener() {

            @Override
            public void peerUp(ClusterNode node) {
                heard.add("up " + node.name());
            }

            @Override
            public void peerDown(ClusterNode node, LeaveReason reason) {
                heard.add("down " + node.name() + " " + reason);
            }

            @Override
            public void envelopeReceived(ClusterNode node, Envelope envelope) {
                heard.add("envelope " + node.name() + " " + envelope.topic());
            }

        });
        manager.start();
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if an added link listener is not told of a link coming up, of a message it
     * carries, or of it going down (messaging would never see its peers or messages).
     */
    @Test
    void addedLinkListenersHearOfLinksUpAndDownAndOfTheMessagesTheyCarry() {
        transport.dialledBy(B);
        transport.notices()
            .envelopeReceived(B, new Envelope(Envelope.Kind.ONE_WAY, 0, "orders", Map.of(), new byte[] { 1 }));
        transport.linkDown(B, LeaveReason.HEARTBEAT_TIMEOUT);

        assertThat(heard).containsExactly("up b", "envelope b orders", "down b HEARTBEAT_TIMEOUT");
    }

    /**
     * Fails if a member's new metadata is not taken in, or is taken without a
     * {@code PeerMetadataChangedEvent} carrying the previous metadata.
     */
    @Test
    void aMembersNewMetadataReplacesItsOldWithOneEvent() {
        transport.dialledBy(B);
        transport.notices().peerMetadataChanged(B.withMetadata(Map.of("zone", "eu-1")));

        assertThat(manager.member(B.id())).hasValueSatisfying(
                member -> assertThat(member.metadata()).containsExactlyEntriesOf(Map.of("zone", "eu-1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(PeerMetadataChangedEvent.class, changed -> {
            assertThat(changed.getNode().metadata()).containsEntry("zone", "eu-1");
            assertThat(changed.getPreviousMetadata()).isEmpty();
        });
    }

    /**
     * Fails if the member's record keeps describing the link that was replaced (its
     * direction), or loses the metadata it had.
     */
    @Test
    void aMemberWhoseLinkIsReplacedIsDescribedByTheKeptLinkAndKeepsItsMetadata() {
        transport.dialledBy(B);
        transport.notices().peerMetadataChanged(B.withMetadata(Map.of("zone", "eu-1")));
        ClusterNode dialledOut = new ClusterNode(B.address(), B.incarnation(), B.connectedSince(),
                ClusterNode.Direction.OUTBOUND);

        transport.notices().peerLinkReplaced(dialledOut);

        assertThat(manager.member(B.id())).hasValueSatisfying(member -> {
            assertThat(member.direction()).isEqualTo(ClusterNode.Direction.OUTBOUND);
            assertThat(member.metadata()).containsEntry("zone", "eu-1");
        });
    }

    /** Fails if a connection refused before authentication is not counted as a limit. */
    @Test
    void aConnectionRefusedForTooManyUnauthenticatedOnesIsCountedAsALimitReached() {
        transport.notices().connectionRefused();

        assertThat(activity.limits).containsExactly(ClusterLimit.UNAUTHENTICATED_CONNECTIONS);
    }

    /**
     * Fails if the links a member reports are ignored, if a node that is no member can
     * report links, or if a member's report outlives its leaving (its next link would be
     * judged by what it saw before).
     */
    @Test
    void theLinksAMemberReportsCountUntilItLeaves() {
        transport.dialledBy(B);
        transport.dialledBy(C);
        NodeAddress self = DialScript.SELF.address();

        transport.notices().peerLinksReported(B, Set.of(self));
        assertThat(manager.missingLinks().pairs()).singleElement()
            .satisfies(pair -> assertThat(List.of(pair.first(), pair.second())).containsExactly(B.id(), C.id()));

        transport.linkDown(C, LeaveReason.CONNECTION_LOST);
        transport.notices().peerLinksReported(C, Set.of());
        transport.dialledBy(C);
        assertThat(manager.missingLinks().pairs()).as("C reported nothing while a member").hasSize(1);

        transport.linkDown(B, LeaveReason.CONNECTION_LOST);
        transport.dialledBy(B);
        assertThat(manager.missingLinks().pairs()).as("B's report went with its link").isEmpty();
    }

    /**
     * Fails if the refreshes do not check the reported links: a pair missing for two
     * refresh intervals is never warned about.
     */
    @Test
    void aRefreshWarnsOfMembersWithoutALinkToEachOtherForTwoIntervals(CapturedOutput output) {
        transport.dialledBy(B);
        transport.dialledBy(C);
        transport.notices().peerLinksReported(B, Set.of(DialScript.SELF.address()));
        manager.refresh();

        clock.advance(Duration.ofHours(2));
        manager.refresh();

        assertThat(output.getOut())
            .containsOnlyOnce("Members have had no link to each other for PT2H or more: " + B.id() + " and " + C.id());
    }

}
