package io.gencluster.messaging;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.messaging.ClusterMessagingException.Failure;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.LogThrottle;

/**
 * The receiving side: each topic with a handler has a {@link TopicLane}; a message for a
 * topic without one, or for a full lane, is dropped and counted (a request among them is
 * answered with a failure at once). Handlers run on the handler threads, never on a
 * network thread, so the link keeps reading whatever the handlers do.
 */
final class Inbound {

    /** The name of the observation around the handling of a request. */
    static final String HANDLED_OBSERVATION = "gen.cluster.requests.handled";

    private static final Logger logger = LoggerFactory.getLogger(Inbound.class);

    private static final LogThrottle handlerFailures = new LogThrottle(logger, LogThrottle.DEFAULT_INTERVAL);

    private final Map<String, TopicLane> lanes = new ConcurrentHashMap<>();

    private final ClusterTransport transport;

    private final Payloads payloads;

    private final MessageCounts counts;

    private final MessagingSettings settings;

    private final ObservationRegistry observations;

    private final ThreadPoolExecutor executor;

    Inbound(ClusterTransport transport, Payloads payloads, MessageCounts counts, MessagingSettings settings,
            ObservationRegistry observations) {
        this.transport = transport;
        this.payloads = payloads;
        this.counts = counts;
        this.settings = settings;
        this.observations = observations;
        AtomicInteger threads = new AtomicInteger();
        // Unbounded queue, bounded use: a lane has at most one task queued at a time.
        this.executor = new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = Executors.defaultThreadFactory().newThread(runnable);
                    thread.setName("gen-cluster-handler-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Adds the handler of a topic.
     * @throws IllegalStateException when the topic has a handler already
     */
    void addHandler(String topic, ListenerMethod listener) {
        new Envelope(Envelope.Kind.ONE_WAY, 0, topic, Map.of(), new byte[0]); // checks
                                                                              // the topic
        TopicLane lane = new TopicLane(listener, settings.inboundQueuePerTopic(), executor, this::handle);
        TopicLane earlier = lanes.putIfAbsent(topic, lane);
        if (earlier != null) {
            throw new IllegalStateException("Two handlers for cluster topic '" + topic + "': " + earlier.listener()
                    + " and " + listener + ". A topic has one @ClusterListener in an application: rename one topic");
        }
    }

    /** How many messages of a topic wait for its handler. */
    int waiting(String topic) {
        TopicLane lane = lanes.get(topic);
        return lane == null ? 0 : lane.waiting();
    }

    /** A one-way message or a request arrived, on a network thread. */
    void received(ClusterNode sender, Envelope envelope) {
        TopicLane lane = lanes.get(envelope.topic());
        if (lane == null) {
            refuse(sender, envelope, Failure.NO_HANDLER,
                    "No handler for topic '" + envelope.topic() + "' on " + transport.self().id());
        }
        else if (!lane.offer(sender, envelope)) {
            refuse(sender, envelope, Failure.INBOUND_FULL, "The queue of topic '" + envelope.topic() + "' on "
                    + transport.self().id() + " is full: its handler is slower than its senders");
        }
    }

    /** Stops the handler threads; messages still queued are dropped. */
    void stop() {
        executor.shutdownNow();
    }

    private void refuse(ClusterNode sender, Envelope envelope, Failure failure, String message) {
        counts.recordFailure(failure);
        logger.debug("Dropped a message from {}: {}", sender, message);
        if (envelope.kind() == Envelope.Kind.REQUEST) {
            reply(sender, Failures.reply(envelope, failure, message, null));
        }
    }

    /** Handles one message on a handler thread; never throws. */
    private void handle(ClusterNode sender, Envelope envelope) {
        TopicLane lane = lanes.get(envelope.topic());
        ListenerMethod listener = lane.listener();
        boolean request = envelope.kind() == Envelope.Kind.REQUEST;
        Object payload;
        try {
            payload = payloads.decode(envelope.payload(), envelope.headers(), listener.payloadType());
        }
        catch (RuntimeException ex) {
            String message = "The payload of topic '" + envelope.topic() + "' does not decode into "
                    + listener.payloadType().getTypeName() + ": " + ex.getMessage();
            refuse(sender, envelope, Failure.UNDECODABLE, message);
            return;
        }
        if (!request) {
            invoke(listener, payload, sender, envelope);
            return;
        }
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key),
                Kind.SERVER);
        context.setCarrier(envelope.headers());
        context.setRemoteServiceName(sender.name());
        Observation observation = Observation.createNotStarted(HANDLED_OBSERVATION, () -> context, observations)
            .contextualName("handle " + envelope.topic())
            .lowCardinalityKeyValue("topic", envelope.topic())
            .start();
        try (Observation.Scope scope = observation.openScope()) {
            Envelope reply = Objects.requireNonNull(invoke(listener, payload, sender, envelope));
            observation.lowCardinalityKeyValue("outcome", reply.kind() == Envelope.Kind.REPLY_OK ? "success"
                    : reply.headers().getOrDefault(Failures.FAILURE_HEADER, "failure"));
            reply(sender, reply);
        }
        finally {
            observation.stop();
        }
    }

    /**
     * Calls the handler: the reply (ok or failure) to send for a request, {@code null}
     * for a one-way message handled.
     */
    private @Nullable Envelope invoke(ListenerMethod listener, @Nullable Object payload, ClusterNode sender,
            Envelope envelope) {
        Object result;
        try {
            result = listener.invoke(payload, sender);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            counts.recordFailure(Failure.HANDLER_FAILED);
            if (envelope.kind() == Envelope.Kind.ONE_WAY) {
                handlerFailures.warn(envelope.topic(), "Handler {} of topic '{}' failed on a message from {}: {}",
                        listener, envelope.topic(), sender, String.valueOf(cause));
            }
            return Failures.reply(envelope, Failure.HANDLER_FAILED, String.valueOf(cause.getMessage()),
                    cause.getClass().getName());
        }
        catch (IllegalArgumentException ex) {
            counts.recordFailure(Failure.UNDECODABLE);
            return Failures.reply(envelope, Failure.UNDECODABLE,
                    "The payload of topic '" + envelope.topic() + "' does not fit " + listener + ": " + ex.getMessage(),
                    null);
        }
        if (envelope.kind() != Envelope.Kind.REQUEST) {
            return null;
        }
        try {
            return new Envelope(Envelope.Kind.REPLY_OK, envelope.correlationId(), envelope.topic(),
                    Payloads.nullHeader(result), payloads.encode(result));
        }
        catch (ClusterMessagingException ex) {
            counts.recordFailure(Failure.HANDLER_FAILED);
            return Failures.reply(envelope, Failure.HANDLER_FAILED, ex.getMessage(), ex.getClass().getName());
        }
    }

    private void reply(ClusterNode requester, Envelope reply) {
        transport.send(requester, reply).whenComplete((written, failure) -> {
            if (failure == null) {
                counts.sent(requester);
            }
            else {
                ClusterMessagingException notSent = Failures.of(failure);
                counts.recordFailure(notSent.failure());
                logger.debug("Could not reply to {}: {}", requester, notSent.getMessage());
                if (notSent.failure() == Failure.TOO_LARGE && reply.kind() == Envelope.Kind.REPLY_OK) {
                    reply(requester, Failures.reply(reply, Failure.TOO_LARGE,
                            "The reply to topic '" + reply.topic() + "' is too large: " + notSent.getMessage(), null));
                }
            }
        });
    }

}
