package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Suspicion;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of the indirect probe, on a clock the test sets: links are bare
 * {@link EmbeddedChannel}s whose outbound messages the test reads, and the probe's
 * {@code nanoTime} is the test's.
 */
@ExtendWith(OutputCaptureExtension.class)
class IndirectProbeBoundaryTests {

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ClusterNode self = node("self", 4370);

    private final EmbeddedChannel announcer = new EmbeddedChannel();

    private final RecordingTransportListener listener = new RecordingTransportListener();

    private final LinkRegistry registry = new LinkRegistry(listener, false, announcer.eventLoop());

    private final AtomicLong clock = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    private final IndirectProbes probes = new IndirectProbes(registry, clock::get);

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        announcer.finishAndReleaseAll();
    }

    /**
     * Fails if a member's second of questions does not start again exactly one second
     * after it began ({@code >=} made {@code >} in {@code IndirectProbes.asked}): its
     * question then would be dropped as the 65th of a second that is over.
     */
    @Test
    void aMembersQuestionsAreCountedPerSecondAndTheNextSecondStartsExactlyASecondLater() {
        Link asker = join(4371);
        long start = clock.get();
        for (int i = 0; i < IndirectProbes.MAX_QUESTIONS_PER_SECOND; i++) {
            probes.asked(asker, query(i));
        }
        assertThat(answers(asker)).hasSize(IndirectProbes.MAX_QUESTIONS_PER_SECOND);

        clock.set(start + SECOND_NANOS - 1);
        probes.asked(asker, query(100));
        assertThat(answers(asker)).as("the 65th within the second").isEmpty();

        clock.set(start + SECOND_NANOS);
        probes.asked(asker, query(101));
        assertThat(answers(asker)).as("the first of the next second").hasSize(1);
    }

    /**
     * Fails if a frame read at the very instant the others were asked counts as the
     * silent member speaking again ({@code > 0} made {@code >= 0} in
     * {@code IndirectProbes.finish}): only a frame read after the question refutes it.
     */
    @Test
    void onlyAFrameReadAfterTheQuestionStartedRefutesIt() {
        Link silent = join(4371);
        Link other = join(4372);
        silent.lastReadNanos = clock.get() - TIMEOUT.toNanos();
        probes.suspect(silent, INTERVAL, TIMEOUT);
        silent.lastReadNanos = clock.get();

        probes.answered(other, new Message.HeardAnswer(questionTo(other), Message.HeardAnswer.NOT_HEARD));
        runPendingTasks();

        assertThat(listener.suspicions(silent.member)).extracting(Suspicion::outcome)
            .containsExactly(Suspicion.Outcome.HEARD_BY_NONE);
        assertThat(silent.channel.isOpen()).isFalse();
        assertThat(silent.closeReason).isEqualTo(LeaveReason.HEARTBEAT_TIMEOUT);
    }

    /**
     * Fails if a member that nobody else hears is logged as trouble between it and this
     * node ({@code heardBy > 0} negated, or made {@code >= 0}, where
     * {@code IndirectProbes.finish} picks the log line): the WARN is for a member the
     * others still hear, the INFO for one nobody hears.
     */
    @Test
    void onlyAMemberTheOthersStillHearIsWarnedOfAsTroubleOnThisLink(CapturedOutput output) {
        Link heardByNone = join(4371);
        Link heardByOne = join(4372);
        Link other = join(4373);
        heardByNone.lastReadNanos = clock.get() - TIMEOUT.toNanos();
        heardByOne.lastReadNanos = clock.get() - TIMEOUT.toNanos();

        probes.suspect(heardByNone, INTERVAL, TIMEOUT);
        for (Link asked : List.of(heardByOne, other)) {
            probes.answered(asked, new Message.HeardAnswer(questionTo(asked), Message.HeardAnswer.NOT_HEARD));
        }
        runPendingTasks();

        assertThat(output.getOut()).contains("it is heard by 0 of 2 members: closing the link")
            .doesNotContain("the trouble is between it and this node");
        registry.closed(heardByNone);

        probes.suspect(heardByOne, INTERVAL, TIMEOUT);
        probes.answered(other, new Message.HeardAnswer(questionTo(other), 10));
        runPendingTasks();

        assertThat(listener.suspicions(heardByOne.member)).extracting(Suspicion::outcome)
            .containsExactly(Suspicion.Outcome.HEARD_BY_OTHERS);
        assertThat(output.getOut())
            .contains("but it is heard by 1 of 1 member: the trouble is between it and this node");
    }

    /**
     * Fails if the question ends before every member asked has answered (the answer's
     * {@code waiting.isEmpty()} replaced with {@code true}), or on a second answer from
     * one member or an answer from one never asked (its {@code return false} replaced
     * with {@code true}): the silent member would be judged on part of the answers.
     */
    @Test
    void theQuestionEndsOnlyWhenEveryMemberAskedHasAnsweredOnce() {
        Link silent = join(4371);
        Link first = join(4372);
        Link second = join(4373);
        silent.lastReadNanos = clock.get() - TIMEOUT.toNanos();
        probes.suspect(silent, INTERVAL, TIMEOUT);
        int id = questionTo(first);
        questionTo(second);
        Link notAsked = join(4374);

        probes.answered(first, new Message.HeardAnswer(id, 10));
        runPendingTasks();
        probes.answered(first, new Message.HeardAnswer(id, 10));
        runPendingTasks();
        probes.answered(notAsked, new Message.HeardAnswer(id, 10));
        runPendingTasks();

        assertThat(silent.channel.isOpen()).as("waiting for the second member").isTrue();
        assertThat(listener.suspicions(silent.member)).isEmpty();

        probes.answered(second, new Message.HeardAnswer(id, Message.HeardAnswer.NOT_HEARD));
        runPendingTasks();

        assertThat(silent.channel.isOpen()).isFalse();
        assertThat(listener.suspicions(silent.member)).singleElement()
            .satisfies(suspicion -> assertThat(suspicion.detail()).isEqualTo("heard by 1 of 2 members"));
    }

    private Link join(int port) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        Link link = new Link(channel, ClusterNode.Direction.OUTBOUND, self, null);
        link.peer = node("n" + port, port);
        link.handshakeHash = new byte[32];
        registry.opened(link);
        assertThat(registry.authenticated(link)).isNotNull();
        return link;
    }

    private void runPendingTasks() {
        channels.forEach(EmbeddedChannel::runPendingTasks);
    }

    /** The id of the last question sent to a member. */
    private static int questionTo(Link link) {
        return SentMessages.drain(link)
            .stream()
            .filter(Message.HeardQuery.class::isInstance)
            .map(Message.HeardQuery.class::cast)
            .reduce((first, second) -> second)
            .orElseThrow()
            .id();
    }

    private static List<Message> answers(Link link) {
        return SentMessages.drain(link).stream().filter(Message.HeardAnswer.class::isInstance).toList();
    }

    private static Message.HeardQuery query(int id) {
        return new Message.HeardQuery(id, new NodeAddress("unknown", "127.0.0.1", 4999));
    }

    private static ClusterNode node(String name, int port) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), port, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
