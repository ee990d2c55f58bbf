package io.gencluster.messaging;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.messaging.ClusterMessagingException.Failure;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.Envelope;

/**
 * The requests this node awaits replies to: a bounded table by correlation id, each entry
 * ended exactly once, by its reply, its deadline, its member's leave or a failed write.
 * Stages complete on the completion executor, never on a network thread.
 */
final class Requests {

    /** The name of the observation around a request, and of the timer it makes. */
    static final String OBSERVATION = "gen.cluster.requests";

    private static final class Pending {

        final long id;

        final ClusterNode member;

        final Type replyType;

        final CompletableFuture<Object> result = new CompletableFuture<>();

        final Observation observation;

        @Nullable ScheduledFuture<?> deadline;

        Pending(long id, ClusterNode member, Type replyType, Observation observation) {
            this.id = id;
            this.member = member;
            this.replyType = replyType;
            this.observation = observation;
        }

    }

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private final AtomicInteger count = new AtomicInteger();

    private final AtomicLong ids = new AtomicLong();

    private final ClusterTransport transport;

    private final Payloads payloads;

    private final MessageCounts counts;

    private final int maxPending;

    private final ObservationRegistry observations;

    private final ScheduledThreadPoolExecutor deadlines;

    private final Executor completions;

    Requests(ClusterTransport transport, Payloads payloads, MessageCounts counts, int maxPending,
            ObservationRegistry observations, ScheduledThreadPoolExecutor deadlines, Executor completions) {
        this.transport = transport;
        this.payloads = payloads;
        this.counts = counts;
        this.maxPending = maxPending;
        this.observations = observations;
        this.deadlines = deadlines;
        this.completions = completions;
    }

    /** Sends a request; see {@link ClusterTemplate#request}. */
    @SuppressWarnings("unchecked")
    <T> CompletionStage<T> request(ClusterNode member, String topic, @Nullable Object payload, Class<T> replyType,
            Duration timeout) {
        byte[] bytes;
        try {
            bytes = payloads.encode(payload);
        }
        catch (ClusterMessagingException ex) {
            counts.recordFailure(ex.failure());
            return CompletableFuture.failedFuture(ex);
        }
        if (count.incrementAndGet() > maxPending) {
            count.decrementAndGet();
            counts.recordFailure(Failure.TOO_MANY_REQUESTS);
            return CompletableFuture.failedFuture(new ClusterMessagingException(Failure.TOO_MANY_REQUESTS,
                    maxPending + " requests await replies already: the limit of this node"));
        }
        Map<String, String> headers = new HashMap<>(Payloads.nullHeader(payload));
        SenderContext<Map<String, String>> context = new SenderContext<>(Requests::propagate, Kind.CLIENT);
        context.setCarrier(headers);
        context.setRemoteServiceName(member.name());
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, observations)
            .contextualName("request " + topic)
            .lowCardinalityKeyValue("topic", topic)
            .start();
        Pending request = new Pending(ids.incrementAndGet(), member, replyType, observation);
        pending.put(request.id, request);
        Envelope envelope;
        try {
            envelope = new Envelope(Envelope.Kind.REQUEST, request.id, topic, headers, bytes);
        }
        catch (IllegalArgumentException ex) {
            end(request, null, ex);
            throw ex;
        }
        request.deadline = deadlines.schedule(
                () -> complete(() -> end(request, null,
                        new ClusterMessagingException(Failure.TIMEOUT,
                                "No reply from " + member + " to topic '" + topic + "' within " + timeout))),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        transport.send(member, envelope).whenComplete((written, failure) -> {
            if (failure == null) {
                counts.sent(member);
            }
            else {
                complete(() -> end(request, null, Failures.of(failure)));
            }
        });
        return (CompletionStage<T>) request.result;
    }

    /**
     * A reply arrived, on a network thread: its request ends on the completion executor.
     */
    void replied(ClusterNode sender, Envelope reply) {
        Pending request = pending.get(reply.correlationId());
        if (request == null || !request.member.isSameIncarnation(sender)) {
            // Late (after its deadline) or not ours: nobody waits for it.
            return;
        }
        complete(() -> {
            if (reply.kind() == Envelope.Kind.REPLY_FAILURE) {
                end(request, null, Failures.fromReply(reply));
                return;
            }
            Object value;
            try {
                value = payloads.decode(reply.payload(), reply.headers(), request.replyType);
            }
            catch (RuntimeException ex) {
                end(request, null,
                        new ClusterMessagingException(Failure.UNDECODABLE,
                                "The reply to topic '" + reply.topic() + "' does not decode into "
                                        + request.replyType.getTypeName() + ": " + ex.getMessage()));
                return;
            }
            end(request, value, null);
        });
    }

    /** A member left: its requests fail at once with the reason. */
    void left(ClusterNode member, LeaveReason reason) {
        for (Pending request : pending.values()) {
            if (request.member.isSameIncarnation(member)) {
                complete(() -> end(request, null, new ClusterMessagingException(Failure.LINK_DOWN,
                        member + " left (" + reason + ") before it replied", reason, null)));
            }
        }
    }

    /** How many requests await replies now. */
    int pending() {
        return count.get();
    }

    private void complete(Runnable ending) {
        try {
            completions.execute(ending);
        }
        catch (RejectedExecutionException ex) {
            ending.run();
        }
    }

    /** Ends a request once: the first call wins, later ones do nothing. */
    private void end(Pending request, @Nullable Object value, @Nullable Throwable failure) {
        if (!pending.remove(request.id, request)) {
            return;
        }
        count.decrementAndGet();
        ScheduledFuture<?> deadline = request.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        Observation observation = request.observation;
        if (failure == null) {
            observation.lowCardinalityKeyValue("outcome", "success");
        }
        else {
            observation.lowCardinalityKeyValue("outcome",
                    failure instanceof ClusterMessagingException messaging ? messaging.failure().name() : "error");
            observation.error(failure);
            if (failure instanceof ClusterMessagingException messaging) {
                counts.recordFailure(messaging.failure());
            }
        }
        observation.stop();
        if (failure == null) {
            request.result.complete(value);
        }
        else {
            request.result.completeExceptionally(failure);
        }
    }

    /**
     * Puts trace context into the headers while they stay within the envelope's bounds.
     */
    private static void propagate(@Nullable Map<String, String> headers, String key, String value) {
        if (headers != null && headers.size() < Envelope.MAX_HEADERS && Envelope.headerBytes(headers)
                + Envelope.headerBytes(Map.of(key, value)) <= Envelope.MAX_HEADER_BYTES) {
            headers.put(key, value);
        }
    }

}
