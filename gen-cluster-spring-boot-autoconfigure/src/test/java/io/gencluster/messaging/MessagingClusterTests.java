package io.gencluster.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.messaging.ClusterMessagingException.Failure;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Nodes as applications in one JVM over real loopback links: what {@link ClusterTemplate}
 * promises, each failure included.
 */
class MessagingClusterTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void broadcastReachesEveryOtherMemberExactlyOnce() {
        try (TestApplication a = node("a", TestApplication.freePort());
                TestApplication b = node("b", a);
                TestApplication c = node("c", a)) {
            await().atMost(DEADLINE).until(() -> TestApplication.fullyMeshed(List.of(a, b, c)));

            Map<ClusterNode, CompletionStage<Void>> stages = template(a).broadcast("greet",
                    new TestHandlers.Greeting("hello"));

            assertThat(stages.keySet()).extracting(ClusterNode::name).containsExactlyInAnyOrder("b", "c");
            stages.values().forEach(stage -> stage.toCompletableFuture().join());
            // A second broadcast behind the first: once it arrived, the first can no
            // longer
            // arrive twice (one sender, one topic, in order).
            template(a).broadcast("greet", new TestHandlers.Greeting("done"));
            for (TestApplication peer : List.of(b, c)) {
                await().atMost(DEADLINE).until(() -> recorder(peer).greetings.contains("a: done"));
                assertThat(recorder(peer).greetings).containsExactly("a: hello", "a: done");
            }
            assertThat(recorder(a).greetings).isEmpty();
        }
    }

    @Test
    void messagesFromOneSenderToOneTopicAreHandledInTheOrderSent() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);
            List<CompletableFuture<Void>> sent = IntStream.range(0, 2000)
                .mapToObj(number -> template(a).send(memberB, "numbers", number).toCompletableFuture())
                .toList();
            sent.forEach(CompletableFuture::join);

            await().atMost(DEADLINE).until(() -> recorder(b).numbers.getOrDefault(a.id(), List.of()).size() == 2000);
            assertThat(recorder(b).numbers.get(a.id())).isEqualTo(IntStream.range(0, 2000).boxed().toList());
        }
    }

    @Test
    void aRequestCompletesWithTheHandlersReplyDecodedIntoTheReplyType() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);

            assertThat(join(template(a).request(memberB, "add", new TestHandlers.Terms(2, 3), TestHandlers.Sum.class)))
                .isEqualTo(new TestHandlers.Sum(5));
            assertThat(join(template(a).request(memberB, "echo", "hi", String.class))).isEqualTo("hi from a");
            assertThat(join(template(a).request(memberB, "nothing", "x", String.class))).isNull();
            assertThat(messenger(a).counts().of(memberB)).hasValueSatisfying(counts -> {
                assertThat(counts.sent()).isEqualTo(3);
                assertThat(counts.received()).isEqualTo(3);
            });
        }
    }

    @Test
    void aRequestFailsWithTimeoutAtItsDeadline() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);

            assertFailure(template(a).request(memberB, "slow", "x", String.class, Duration.ofMillis(300)),
                    Failure.TIMEOUT);
            recorder(b).release.countDown();
            assertThat(messenger(a).pendingRequests()).isZero();
        }
    }

    @Test
    void aRequestFailsAtOnceWithLinkDownAndTheReasonWhenThePeerStops() {
        try (TestApplication a = node("a", TestApplication.freePort())) {
            TestApplication b = node("b", a);
            ClusterNode memberB = memberOf(a, b);
            CompletableFuture<String> reply = template(a)
                .request(memberB, "slow", "x", String.class, Duration.ofMinutes(5))
                .toCompletableFuture();
            await().atMost(DEADLINE).until(() -> recorder(b).stalled.get() == 1);

            b.close();

            ClusterMessagingException failure = assertFailure(reply, Failure.LINK_DOWN);
            assertThat(failure.leaveReason()).contains(LeaveReason.SHUTDOWN);
        }
    }

    @Test
    void aHandlersExceptionFailsTheRequestWithItsClassAndMessageButNoStackTrace() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterMessagingException failure = assertFailure(
                    template(a).request(memberOf(a, b), "fail", "this", String.class), Failure.HANDLER_FAILED);

            assertThat(failure.remoteExceptionClass()).contains(IllegalStateException.class.getName());
            assertThat(failure).hasMessage("cannot handle this");
        }
    }

    @Test
    void aMessageLargerThanTheMaximumFrameFailsWithTooLargeAndTheLinkStaysUp() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);

            assertFailure(template(a).send(memberB, "greet", new byte[1024 * 1024]), Failure.TOO_LARGE);
            assertFailure(template(a).request(memberB, "echo", "x".repeat(1024 * 1024), String.class),
                    Failure.TOO_LARGE);

            assertThat(join(template(a).request(memberB, "echo", "small", String.class))).isEqualTo("small from a");
        }
    }

    @Test
    void aTopicWithoutAHandlerFailsTheRequestWithNoHandler() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterMessagingException failure = assertFailure(
                    template(a).request(memberOf(a, b), "nobody-listens", "x", String.class), Failure.NO_HANDLER);

            assertThat(failure).hasMessageContaining("nobody-listens");
        }
    }

    @Test
    void anUndecodablePayloadFailsThatMessageOnlyAndTheLinkStaysUp() {
        try (TestApplication a = node("a", TestApplication.freePort()); TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);

            assertFailure(template(a).request(memberB, "add", "not json", TestHandlers.Sum.class), Failure.UNDECODABLE);
            assertFailure(template(a).request(memberB, "echo", "text", TestHandlers.Sum.class), Failure.UNDECODABLE);

            assertThat(join(template(a).request(memberB, "add", new TestHandlers.Terms(1, 1), TestHandlers.Sum.class)))
                .isEqualTo(new TestHandlers.Sum(2));
            assertThat(a.manager().members()).containsExactly(memberB);
        }
    }

    @Test
    void aStalledHandlerDropsWhatItsQueueCannotHoldWhileOtherTopicsAndTheLinkCarryOn() {
        int queue = 50;
        try (TestApplication a = node("a", TestApplication.freePort());
                TestApplication b = node("b", a, "gen-cluster.messaging.inbound-queue-per-topic=" + queue)) {
            ClusterNode memberB = memberOf(a, b);
            template(a).send(memberB, "slow", "first");
            await().atMost(DEADLINE).until(() -> recorder(b).stalled.get() == 1);

            int written = 0;
            for (int i = 0; i < 5000; i++) {
                CompletableFuture<Void> sent = template(a).send(memberB, "slow", "more " + i).toCompletableFuture();
                written += sent.handle((ok, failure) -> failure == null ? 1 : 0).join();
                assertThat(messenger(b).waiting("slow")).isLessThanOrEqualTo(queue);
            }
            int sentByA = written;
            await().atMost(DEADLINE)
                .until(() -> messenger(b).counts().failed(Failure.INBOUND_FULL)
                        + messenger(b).waiting("slow") >= sentByA);
            assertThat(messenger(b).waiting("slow")).isEqualTo(queue);
            assertThat(messenger(b).counts().failed(Failure.INBOUND_FULL)).isEqualTo(sentByA - queue);
            assertFailure(template(a).request(memberB, "slow", "one more", String.class), Failure.INBOUND_FULL);
            assertThat(join(template(a).request(memberB, "echo", "still", String.class))).isEqualTo("still from a");
            assertThat(a.manager().members()).containsExactly(memberB);

            recorder(b).release.countDown();
            await().atMost(DEADLINE).until(() -> messenger(b).waiting("slow") == 0);
            assertThat(join(template(a).request(memberB, "slow", "after", String.class))).isEqualTo("late after");
        }
    }

    @Test
    void requestsBeyondThePendingLimitFailAtOnceWithoutBeingSent() {
        try (TestApplication a = node("a", TestApplication.freePort(), "gen-cluster.messaging.max-pending-requests=3");
                TestApplication b = node("b", a)) {
            ClusterNode memberB = memberOf(a, b);
            List<CompletableFuture<String>> waiting = IntStream.range(0, 3)
                .mapToObj(i -> template(a).request(memberB, "slow", "x" + i, String.class).toCompletableFuture())
                .toList();
            await().atMost(DEADLINE).until(() -> messenger(a).counts().sent() == 3);

            assertFailure(template(a).request(memberB, "echo", "one too many", String.class),
                    Failure.TOO_MANY_REQUESTS);

            assertThat(messenger(a).counts().sent()).isEqualTo(3);
            recorder(b).release.countDown();
            waiting.forEach(reply -> assertThat(join(reply)).startsWith("late x"));
            assertThat(join(template(a).request(memberB, "echo", "again", String.class))).isEqualTo("again from a");
        }
    }

    static TestApplication node(String name, int seedPort, String... properties) {
        return TestApplication.named(name)
            .with(TestHandlers.class)
            .staticNodes("127.0.0.1:" + seedPort)
            .properties(properties)
            .start();
    }

    static TestApplication node(String name, TestApplication seed, String... properties) {
        return TestApplication.named(name)
            .with(TestHandlers.class)
            .staticNodes(seed.clusterAddress())
            .properties(properties)
            .start();
    }

    static ClusterNode memberOf(TestApplication from, TestApplication to) {
        await().atMost(DEADLINE)
            .until(() -> from.manager().member(to.id()).isPresent() && to.manager().member(from.id()).isPresent());
        return from.manager().member(to.id()).orElseThrow();
    }

    static ClusterTemplate template(TestApplication node) {
        return node.bean(ClusterTemplate.class);
    }

    static ClusterMessenger messenger(TestApplication node) {
        return node.bean(ClusterMessenger.class);
    }

    static TestHandlers.Recorder recorder(TestApplication node) {
        return node.bean(TestHandlers.Recorder.class);
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    static ClusterMessagingException assertFailure(CompletionStage<?> stage, Failure failure) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        await().atMost(DEADLINE).until(future::isDone);
        ClusterMessagingException[] thrown = new ClusterMessagingException[1];
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(future::join).satisfies(ex -> {
            assertThat(ex.getCause()).isInstanceOf(ClusterMessagingException.class);
            thrown[0] = (ClusterMessagingException) ex.getCause();
        });
        assertThat(thrown[0].failure()).as(thrown[0].getMessage()).isEqualTo(failure);
        return thrown[0];
    }

}
