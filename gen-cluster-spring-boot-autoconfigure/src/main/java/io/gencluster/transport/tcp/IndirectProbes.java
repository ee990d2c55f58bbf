package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.transport.Suspicion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suspect before you drop (SWIM's indirect probe): when a member's link has been silent
 * for the heartbeat timeout, this node asks every other member when it last heard that
 * one ({@link Message.HeardQuery}), waits at most one heartbeat interval for the answers,
 * then closes the link: as {@link LeaveReason#HEARD_BY_OTHERS} when an answer heard it
 * within {@link #heardWithin two intervals}, else as
 * {@link LeaveReason#HEARTBEAT_TIMEOUT}; and keeps it when the member spoke meanwhile. It
 * also answers the same question from members, at most {@link #MAX_QUESTIONS_PER_SECOND}
 * per link and only about its own members.
 */
final class IndirectProbes {

    private static final Logger logger = LoggerFactory.getLogger(IndirectProbes.class);

    /**
     * Questions one member may ask per second; more are dropped unanswered (the asker
     * counts them as not heard). A node asks each member once per silent member.
     */
    static final int MAX_QUESTIONS_PER_SECOND = 64;

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LinkRegistry registry;

    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;

    private final AtomicInteger ids = new AtomicInteger();

    /** Questions awaiting answers; each ends within one heartbeat interval. */
    private final Map<Integer, Question> open = new ConcurrentHashMap<>();

    IndirectProbes(LinkRegistry registry) {
        this(registry, System::nanoTime);
    }

    /** For tests: the rate and the start of a question read {@code nanoTime}. */
    IndirectProbes(LinkRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /**
     * How recent a frame must be for an answer to count as heard: two heartbeat intervals
     * (a live member sends at least one per interval), and less than a timeout minus an
     * interval, since that is how long others last heard a member that froze.
     */
    static long heardWithin(Duration interval, Duration timeout) {
        return Math.min(interval.multipliedBy(2).toMillis(), timeout.minus(interval).toMillis() - 1);
    }

    /**
     * A member's live link was silent for the timeout: asks the other members and closes
     * the link once they answered or one interval passed, on the link's event loop.
     */
    void suspect(Link silent, Duration interval, Duration timeout) {
        List<Link> others = registry.liveLinks().stream().filter(link -> link != silent).toList();
        if (others.isEmpty()) {
            logger.info("Nothing from {} for {} and no other member to ask: closing the link", silent.describe(),
                    timeout);
            end(silent, new Suspicion(Suspicion.Outcome.HEARD_BY_NONE, 0, 0, Instant.now()));
            return;
        }
        Question question = new Question(ids.incrementAndGet(), silent, others, heardWithin(interval, timeout), timeout,
                nanoTime.getAsLong());
        open.put(question.id, question);
        others.forEach(link -> link.send(new Message.HeardQuery(question.id, silent.member.address())));
        silent.channel.eventLoop().schedule(() -> finish(question), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A member asked about another one: answers, within the rate, on its event loop. */
    void asked(Link from, Message.HeardQuery query) {
        long now = nanoTime.getAsLong();
        if (now - from.questionSecondStartNanos >= SECOND_NANOS) {
            from.questionSecondStartNanos = now;
            from.questionsThisSecond = 0;
        }
        if (++from.questionsThisSecond > MAX_QUESTIONS_PER_SECOND) {
            logger.debug("Not answering {}: more than {} questions within a second", from.describe(),
                    MAX_QUESTIONS_PER_SECOND);
            return;
        }
        long heardAgo = registry.memberAt(query.about())
            .flatMap(registry::liveLink)
            .map(link -> Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - link.lastReadNanos)))
            .orElse(Message.HeardAnswer.NOT_HEARD);
        from.send(new Message.HeardAnswer(query.id(), heardAgo));
    }

    /**
     * A member answered: counted once, from a member that was asked; the question ends
     * early when all have answered.
     */
    void answered(Link from, Message.HeardAnswer answer) {
        Question question = open.get(answer.id());
        if (question != null && question.answer(from, answer)) {
            question.silent.channel.eventLoop().execute(() -> finish(question));
        }
    }

    private void finish(Question question) {
        if (!open.remove(question.id, question)) {
            return;
        }
        Link silent = question.silent;
        if (silent.state != Link.State.ACTIVE) {
            return;
        }
        int asked = question.asked();
        int heardBy = question.heardBy();
        if (silent.lastReadNanos - question.startedNanos > 0) {
            logger.info("{} spoke again while {} other member(s) were asked about it: keeping the link",
                    silent.describe(), asked);
            registry.listener()
                .peerSuspected(silent.member, new Suspicion(Suspicion.Outcome.REFUTED, asked, heardBy, Instant.now()));
            return;
        }
        Suspicion suspicion = new Suspicion(
                heardBy > 0 ? Suspicion.Outcome.HEARD_BY_OTHERS : Suspicion.Outcome.HEARD_BY_NONE, asked, heardBy,
                Instant.now());
        if (heardBy > 0) {
            logger.warn(
                    "Nothing from {} for {}, but it is {}: the trouble is between it and this node;"
                            + " closing the link, it is dialled again",
                    silent.describe(), question.timeout, suspicion.detail());
        }
        else {
            logger.info("Nothing from {} for {} and it is {}: closing the link", silent.describe(), question.timeout,
                    suspicion.detail());
        }
        end(silent, suspicion);
    }

    private void end(Link silent, Suspicion suspicion) {
        registry.listener().peerSuspected(silent.member, suspicion);
        silent.closeReason = suspicion.outcome() == Suspicion.Outcome.HEARD_BY_OTHERS ? LeaveReason.HEARD_BY_OTHERS
                : LeaveReason.HEARTBEAT_TIMEOUT;
        silent.channel.close();
    }

    /** One question about a silent member, sent to every other member. */
    private static final class Question {

        final int id;

        final Link silent;

        final long heardWithinMillis;

        final Duration timeout;

        final long startedNanos;

        private final Set<Link> waiting;

        private final int asked;

        private int heardBy;

        Question(int id, Link silent, List<Link> asked, long heardWithinMillis, Duration timeout, long startedNanos) {
            this.id = id;
            this.silent = silent;
            this.waiting = new HashSet<>(asked);
            this.asked = asked.size();
            this.heardWithinMillis = heardWithinMillis;
            this.timeout = timeout;
            this.startedNanos = startedNanos;
        }

        /** Counts an answer; true when it was the last one awaited. */
        synchronized boolean answer(Link from, Message.HeardAnswer answer) {
            if (!waiting.remove(from)) {
                return false;
            }
            if (answer.heardWithin(heardWithinMillis)) {
                heardBy++;
            }
            return waiting.isEmpty();
        }

        synchronized int heardBy() {
            return heardBy;
        }

        int asked() {
            return asked;
        }

    }

}
