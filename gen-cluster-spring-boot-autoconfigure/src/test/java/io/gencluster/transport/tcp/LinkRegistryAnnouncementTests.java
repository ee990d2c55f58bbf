package io.gencluster.transport.tcp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the registry announces membership changes with {@code connect-all}: links are
 * embedded channels and announcements run on an embedded event loop whose clock, frozen,
 * only the test moves: the announcer times the interval on that clock too. Fails if the
 * announcer reads the real clock (a stall of more than an interval between two steps then
 * lets an announcement out early).
 */
class LinkRegistryAnnouncementTests {

    private static final long INTERVAL_MILLIS = MemberAnnouncer.ANNOUNCE_INTERVAL.toMillis();

    private final ClusterNode self = node("self", 4370);

    private final EmbeddedChannel announcer = frozen(new EmbeddedChannel());

    private final LinkRegistry registry = new LinkRegistry(new RecordingTransportListener(), true,
            announcer.eventLoop());

    private final List<Link> links = new ArrayList<>();

    @Test
    void membersThatJoinBeforeTheAnnouncementRunsHearOfEachOtherInOneFrame() {
        join(4371);
        join(4372);
        join(4373);

        announcer.runPendingTasks();

        for (Link link : links) {
            assertThat(sent(link)).containsExactly(new Message.Members(others(link), List.of()));
        }
    }

    @Test
    void aLaterMemberGetsTheWholeListAndTheOlderOnesHearOnlyWhoLeft() {
        Link first = join(4371);
        Link second = join(4372);
        announcer.runPendingTasks();
        sent(first);
        sent(second);

        Link third = join(4373);
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();

        assertThat(sent(first)).as("the new member dials the older ones itself").isEmpty();
        assertThat(sent(second)).isEmpty();
        assertThat(sent(third)).containsExactly(new Message.Members(List.of(address(4371), address(4372)), List.of()));

        registry.closed(second);
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();

        assertThat(sent(first)).containsExactly(new Message.Members(List.of(), List.of(address(4372))));
        assertThat(sent(third)).containsExactly(new Message.Members(List.of(), List.of(address(4372))));
    }

    @Test
    void announcementsAreAnIntervalApartAndGatherWhatChangedMeanwhile() {
        Link first = join(4371);
        Link second = join(4372);
        Link third = join(4373);
        announcer.runPendingTasks();
        sent(first);

        registry.closed(second);
        announcer.runPendingTasks();
        registry.closed(third);
        announcer.runPendingTasks();
        assertThat(sent(first)).as("within the interval of the last announcement").isEmpty();

        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();
        assertThat(sent(first)).containsExactly(new Message.Members(List.of(), List.of(address(4372), address(4373))));
    }

    @Test
    void aMemberThatJoinsAndLeavesBetweenAnnouncementsIsNeverAnnounced() {
        Link first = join(4371);
        announcer.runPendingTasks();
        sent(first);

        registry.closed(join(4372));
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();

        assertThat(sent(first)).isEmpty();
    }

    /**
     * Fails if a member whose link is replaced by a duplicate that wins is not sent the
     * whole list again over the new link (the {@code announce()} after
     * {@code peerLinkReplaced} in {@link LinkRegistry#authenticated}): the peer takes
     * announcements only from its live link, so what went over the old one is lost, and
     * no other change may come to announce it.
     */
    @Test
    void aMemberWhoseLinkIsReplacedGetsTheWholeListAgainOverTheNewLink() {
        Link old = join(4371, (byte) 1);
        join(4372);
        announcer.runPendingTasks();
        assertThat(sent(old)).containsExactly(new Message.Members(List.of(address(4372)), List.of()));

        Link replacement = link(4371);
        registry.opened(replacement);
        registry.authenticated(replacement);
        assertThat(old.state).as("the old link lost to the replacement").isEqualTo(Link.State.SUPERSEDED);
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();

        assertThat(sent(replacement)).containsExactly(new Message.Members(List.of(address(4372)), List.of()));
    }

    @Test
    void withoutConnectAllNothingIsAnnounced() {
        LinkRegistry quiet = new LinkRegistry(new RecordingTransportListener(), false, announcer.eventLoop());
        Link link = link(4371);
        quiet.opened(link);
        quiet.authenticated(link);
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();

        assertThat(sent(link)).isEmpty();
    }

    /**
     * Fails if links are reported only with connect-all, more than once for an unchanged
     * list, not again when the list changes, as whole lists after the first (a forming
     * cluster of N would send N lists of N per member), or to every member at each change
     * rather than at most once per links interval: who sees whom needs every member's
     * list, not every version of it.
     */
    @Test
    void everyMemberIsSentTheWholeLinkListWhenItJoinsAndThenOnlyChangesAtMostOncePerInterval() {
        LinkRegistry quiet = new LinkRegistry(new RecordingTransportListener(), false, announcer.eventLoop());
        Link first = link(4371);
        quiet.opened(first);
        quiet.authenticated(first);
        announcer.runPendingTasks();
        assertThat(reports(first)).containsExactly(new Message.Links(List.of(address(4371)), List.of()));

        Link second = link(4372);
        quiet.opened(second);
        quiet.authenticated(second);
        announcer.advanceTimeBy(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();
        assertThat(reports(second)).as("a new member at once, the whole list")
            .containsExactly(new Message.Links(List.of(address(4371), address(4372)), List.of()));
        assertThat(reports(first)).as("the others within the links interval").isEmpty();

        announcer.advanceTimeBy(MemberAnnouncer.LINKS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();
        assertThat(reports(first)).as("only the change")
            .containsExactly(new Message.Links(List.of(address(4372)), List.of()));
        assertThat(reports(second)).as("it has the list already").isEmpty();

        announcer.advanceTimeBy(MemberAnnouncer.LINKS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();
        assertThat(reports(first)).as("nothing changed").isEmpty();
        assertThat(reports(second)).as("nothing changed").isEmpty();

        quiet.closed(first);
        announcer.advanceTimeBy(MemberAnnouncer.LINKS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        announcer.runPendingTasks();
        assertThat(reports(second)).as("a loss").containsExactly(new Message.Links(List.of(), List.of(address(4371))));
    }

    /**
     * Fails if the receiver replaces its list with each report instead of applying the
     * changes, lets a peer's changes add up past what one frame may carry, or takes a
     * report from a link that is not the member's live one.
     */
    @Test
    void reportedChangesAddUpPerLinkWithinTheBoundAndCountOnlyFromTheLiveLink() {
        RecordingTransportListener listener = new RecordingTransportListener();
        LinkRegistry receiving = new LinkRegistry(listener, false, announcer.eventLoop());
        Link live = link(4371);
        receiving.opened(live);
        receiving.authenticated(live);

        receiving.linksReported(live, new Message.Links(List.of(address(4372), address(4373)), List.of()));
        receiving.linksReported(live, new Message.Links(List.of(address(4374)), List.of(address(4372))));
        assertThat(last(listener.linkReports(live.member))).containsExactlyInAnyOrder(address(4373), address(4374));

        Link stray = link(4375);
        receiving.opened(stray);
        receiving.linksReported(stray, new Message.Links(List.of(address(4376)), List.of()));
        assertThat(listener.linkReports(stray.peer)).as("not a member's live link").isEmpty();

        List<NodeAddress> rest = IntStream.range(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES - 2)
            .mapToObj(port -> address(5000 + port))
            .toList();
        receiving.linksReported(live, new Message.Links(rest, List.of()));
        assertThat(last(listener.linkReports(live.member))).hasSize(MessageCodec.MAX_ANNOUNCED_ADDRESSES);
        receiving.linksReported(live, new Message.Links(List.of(address(4373)), List.of()));
        assertThat(last(listener.linkReports(live.member))).as("an address reported again counts once")
            .hasSize(MessageCodec.MAX_ANNOUNCED_ADDRESSES);
        assertThatExceptionOfType(AnnouncementTooLargeException.class)
            .isThrownBy(() -> receiving.linksReported(live, new Message.Links(List.of(address(4377)), List.of())))
            .withMessageContaining("add up to 1025 addresses");
    }

    private static Set<NodeAddress> last(List<Set<NodeAddress>> reports) {
        assertThat(reports).isNotEmpty();
        return reports.get(reports.size() - 1);
    }

    private Link join(int port) {
        return join(port, (byte) 0);
    }

    /**
     * A member over a link dialled by this node whose handshake hash is all
     * {@code hashByte}: of two links to one member, the one with the smaller hash wins.
     */
    private Link join(int port, byte hashByte) {
        Link link = link(port);
        Arrays.fill(link.handshakeHash, hashByte);
        registry.opened(link);
        assertThat(registry.authenticated(link)).isNotNull();
        links.add(link);
        return link;
    }

    private Link link(int port) {
        Link link = new Link(new EmbeddedChannel(), ClusterNode.Direction.OUTBOUND, self, null);
        link.peer = node("n" + port, port);
        link.handshakeHash = new byte[32];
        return link;
    }

    private List<NodeAddress> others(Link link) {
        return links.stream().filter(other -> other != link).map(other -> other.peer.address()).toList();
    }

    /**
     * The members frames sent since the last call (link reports are read and dropped).
     */
    private static List<Message> sent(Link link) {
        return SentMessages.drain(link).stream().filter(Message.Members.class::isInstance).toList();
    }

    /**
     * The link reports sent since the last call (members frames are read and dropped).
     */
    private static List<Message> reports(Link link) {
        return SentMessages.drain(link).stream().filter(Message.Links.class::isInstance).toList();
    }

    private static EmbeddedChannel frozen(EmbeddedChannel channel) {
        channel.freezeTime();
        return channel;
    }

    private static NodeAddress address(int port) {
        return new NodeAddress("n" + port, "127.0.0.1", port);
    }

    private static ClusterNode node(String name, int port) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), port, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
