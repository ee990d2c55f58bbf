package io.gencluster.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicLaneTests {

    private static final ClusterNode SENDER = new ClusterNode(new NodeAddress("a", "127.0.0.1", 4370), 1, Instant.now(),
            ClusterNode.Direction.INBOUND);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    private final List<Long> handled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void refusesWhatItsQueueCannotHoldAndHandlesTheRestInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TopicLane lane = new TopicLane(listener(), 3, executor, (sender, envelope) -> {
            awaitQuietly(release);
            handled.add(envelope.correlationId());
        });

        assertThat(lane.offer(SENDER, envelope(0))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> lane.waiting() == 0);
        List<Boolean> offered = List.of(lane.offer(SENDER, envelope(1)), lane.offer(SENDER, envelope(2)),
                lane.offer(SENDER, envelope(3)), lane.offer(SENDER, envelope(4)));
        assertThat(offered).containsExactly(true, true, true, false);
        assertThat(lane.waiting()).isEqualTo(3);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 4);
        assertThat(handled).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aHandlerThatThrowsDoesNotStallTheTopic() {
        TopicLane lane = new TopicLane(listener(), 10, executor, (sender, envelope) -> {
            handled.add(envelope.correlationId());
            if (envelope.correlationId() == 1) {
                throw new IllegalStateException("boom");
            }
        });

        for (long id = 1; id <= 3; id++) {
            lane.offer(SENDER, envelope(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3);
        assertThat(lane.offer(SENDER, envelope(4))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 4);
    }

    @Test
    void yieldsItsThreadAfterATurnSoOtherTopicsRun() {
        TopicLane busy = new TopicLane(listener(), 1000, executor, (sender, envelope) -> handled.add(1L));
        TopicLane other = new TopicLane(listener(), 1000, executor, (sender, envelope) -> handled.add(2L));
        CountDownLatch hold = new CountDownLatch(1);
        executor.execute(() -> awaitQuietly(hold));
        for (int i = 0; i < 3 * TopicLane.TURN; i++) {
            busy.offer(SENDER, envelope(i));
        }
        other.offer(SENDER, envelope(0));

        hold.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3 * TopicLane.TURN + 1);
        assertThat(handled.indexOf(2L)).isEqualTo(TopicLane.TURN);
    }

    private static ListenerMethod listener() {
        try {
            return ListenerMethod.of("", String.class.getMethod("concat", String.class));
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Envelope envelope(long id) {
        return new Envelope(Envelope.Kind.ONE_WAY, id, "topic", Map.of(), new byte[0]);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
