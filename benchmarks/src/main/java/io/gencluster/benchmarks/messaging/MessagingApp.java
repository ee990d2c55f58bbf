package io.gencluster.benchmarks.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.benchmarks.MessagingDriver;
import io.gencluster.benchmarks.MessagingPeer;
import io.gencluster.benchmarks.WallClock;
import io.gencluster.messaging.ClusterListener;
import io.gencluster.messaging.ClusterMessagingException;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.ClusterTemplate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The gen-cluster side of the messaging benchmark: a Spring Boot app (no web server) in
 * the role {@code bench.role=server} (handlers for the one-way topic, echo and the count)
 * or {@code client} (measures with {@link MessagingDriver} through
 * {@link ClusterTemplate}, then exits).
 */
@SpringBootApplication
public class MessagingApp {

    static final String ONE_WAY = "bench.oneway";

    static final String ECHO = "bench.echo";

    static final String READ = "bench.read";

    private static final Duration MEMBER_TIMEOUT = Duration.ofSeconds(60);

    /** Starts the app in its role. */
    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(MessagingApp.class, args);
        if (!"client".equals(context.getEnvironment().getProperty("bench.role"))) {
            WallClock.report("READY");
            new CountDownLatch(1).await();
        }
        ClusterNode server = awaitMember(context.getBean(ClusterMembership.class));
        WallClock.report("READY");
        String property = "bench.";
        new MessagingDriver(new TemplatePeer(context.getBean(ClusterTemplate.class), server),
                Long.parseLong(context.getEnvironment().getRequiredProperty(property + "warmup-ms")),
                Integer.parseInt(context.getEnvironment().getRequiredProperty(property + "windows")),
                Long.parseLong(context.getEnvironment().getRequiredProperty(property + "window-ms")))
            .run();
        System.exit(0);
    }

    private static ClusterNode awaitMember(ClusterMembership membership) throws InterruptedException {
        long deadline = System.nanoTime() + MEMBER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ClusterNode> members = membership.members();
            if (!members.isEmpty()) {
                return members.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("The server did not become a member within " + MEMBER_TIMEOUT);
    }

    /**
     * The server's handlers: count the one-way messages, echo requests, and report the
     * count with this JVM's clock and the messages dropped for a full topic queue.
     */
    @Component
    @ConditionalOnProperty(name = "bench.role", havingValue = "server")
    static class Handlers {

        private final AtomicLong handled = new AtomicLong();

        private final ClusterMessenger messenger;

        Handlers(ClusterMessenger messenger) {
            this.messenger = messenger;
        }

        @ClusterListener(ONE_WAY)
        void oneWay(byte[] payload) {
            handled.incrementAndGet();
        }

        @ClusterListener(ECHO)
        byte[] echo(byte[] payload) {
            return payload;
        }

        @ClusterListener(READ)
        String read(String ignored) {
            return handled.get() + " " + System.nanoTime() / 1000 + " "
                    + messenger.counts().failed(ClusterMessagingException.Failure.INBOUND_FULL);
        }

    }

    /**
     * The server as {@link ClusterTemplate} reaches it. A send refused with
     * {@code OUTBOUND_FULL} is retried after a pause that grows while the link stays
     * full, so no message is dropped on this side.
     */
    record TemplatePeer(ClusterTemplate template, ClusterNode server, AtomicLong refused) implements MessagingPeer {

        private static final long MIN_PAUSE_NANOS = 10_000;

        private static final long MAX_PAUSE_NANOS = 1_000_000;

        TemplatePeer(ClusterTemplate template, ClusterNode server) {
            this(template, server, new AtomicLong());
        }

        @Override
        public long refusals() {
            return refused.get();
        }

        @Override
        public void send(byte[] payload) throws Exception {
            long pause = MIN_PAUSE_NANOS;
            while (true) {
                CompletableFuture<Void> sent = template.send(server, ONE_WAY, payload).toCompletableFuture();
                if (!sent.isCompletedExceptionally()) {
                    return;
                }
                Throwable failure = sent.handle((ok, error) -> error).join();
                if (!(failure instanceof ClusterMessagingException notSent)
                        || notSent.failure() != ClusterMessagingException.Failure.OUTBOUND_FULL) {
                    throw new IllegalStateException("send failed", failure);
                }
                refused.incrementAndGet();
                LockSupport.parkNanos(pause);
                pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
            }
        }

        @Override
        public long[] read() throws Exception {
            long pause = MIN_PAUSE_NANOS;
            while (true) {
                try {
                    String[] parts = template.request(server, READ, "read", String.class, Duration.ofSeconds(30))
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS)
                        .split(" ");
                    return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]) };
                }
                catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof ClusterMessagingException notSent)
                            || notSent.failure() != ClusterMessagingException.Failure.OUTBOUND_FULL) {
                        throw ex;
                    }
                    LockSupport.parkNanos(pause);
                    pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
                }
            }
        }

        @Override
        public CompletionStage<?> request(byte[] payload) {
            return template.request(server, ECHO, payload, byte[].class);
        }

    }

}
