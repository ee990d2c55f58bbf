package io.gencluster.messaging;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.TransportListener;

/**
 * The messaging runtime of one node, behind {@link ClusterTemplate}: wiring, not
 * application code. It listens to the links (a {@link TransportListener} the cluster
 * manager forwards to: messages in, members' leaves), keeps the topics' handlers, the
 * requests awaiting replies and the counts. Its threads are daemons; {@link #close()}
 * stops them.
 */
public class ClusterMessenger implements TransportListener, AutoCloseable {

    private final ClusterTransport transport;

    private final MessagingSettings settings;

    private final Payloads payloads;

    private final MessageCounts counts = new MessageCounts();

    private final Inbound inbound;

    private final Requests requests;

    private final ScheduledThreadPoolExecutor deadlines;

    private final ExecutorService completions;

    /**
     * Creates the runtime; it receives nothing until the transport's listener forwards to
     * it.
     * @param transport the links to send over
     * @param codec turns payloads other than {@code byte[]} and {@code String} into bytes
     * @param settings the bounds
     * @param observations where requests and their handling are observed
     * ({@link ObservationRegistry#NOOP} for none)
     */
    public ClusterMessenger(ClusterTransport transport, ClusterPayloadCodec codec, MessagingSettings settings,
            ObservationRegistry observations) {
        this.transport = transport;
        this.settings = settings;
        this.payloads = new Payloads(codec);
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemon("gen-cluster-request-deadlines"));
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.completions = Executors.newFixedThreadPool(2, daemon("gen-cluster-replies"));
        this.inbound = new Inbound(transport, payloads, counts, settings, observations);
        this.requests = new Requests(transport, payloads, counts, settings.maxPendingRequests(), observations,
                deadlines, completions);
    }

    /**
     * Makes a bean method the handler of a topic (what {@link ClusterListener} does).
     * @param topic the topic
     * @param bean the object to call the method on
     * @param method one payload parameter, optionally a {@link ClusterNode}
     * @throws IllegalStateException when the topic has a handler already or the method's
     * parameters do not fit
     */
    public void addListener(String topic, Object bean, Method method) {
        inbound.addHandler(topic, ListenerMethod.of(bean, method));
    }

    /**
     * What this node's messaging did so far.
     * @return the counts, live
     */
    public MessageCounts counts() {
        return counts;
    }

    /**
     * How many messages of a topic wait for its handler now.
     * @param topic the topic
     * @return at most {@link MessagingSettings#inboundQueuePerTopic()}
     */
    public int waiting(String topic) {
        return inbound.waiting(topic);
    }

    /**
     * How many requests of this node await replies now.
     * @return at most {@link MessagingSettings#maxPendingRequests()}
     */
    public int pendingRequests() {
        return requests.pending();
    }

    @Override
    public void envelopeReceived(ClusterNode node, Envelope envelope) {
        counts.received(node);
        switch (envelope.kind()) {
            case ONE_WAY, REQUEST -> inbound.received(node, envelope);
            case REPLY_OK, REPLY_FAILURE -> requests.replied(node, envelope);
        }
    }

    @Override
    public void peerUp(ClusterNode node) {
    }

    @Override
    public void peerDown(ClusterNode node, LeaveReason reason) {
        requests.left(node, reason);
        counts.left(node);
    }

    /** Stops the handler, reply and deadline threads. */
    @Override
    public void close() {
        inbound.stop();
        deadlines.shutdownNow();
        completions.shutdown();
    }

    /**
     * The bounds this messenger works within.
     * @return its settings
     */
    public MessagingSettings settings() {
        return settings;
    }

    CompletionStage<Void> send(ClusterNode member, String topic, @Nullable Object payload) {
        byte[] bytes;
        try {
            bytes = payloads.encode(payload);
        }
        catch (ClusterMessagingException ex) {
            counts.recordFailure(ex.failure());
            return CompletableFuture.failedFuture(ex);
        }
        return write(member, new Envelope(Envelope.Kind.ONE_WAY, 0, topic, Payloads.nullHeader(payload), bytes));
    }

    Map<ClusterNode, CompletionStage<Void>> broadcast(String topic, @Nullable Object payload) {
        Map<ClusterNode, CompletionStage<Void>> stages = new LinkedHashMap<>();
        byte[] bytes;
        try {
            bytes = payloads.encode(payload);
        }
        catch (ClusterMessagingException ex) {
            transport.members().forEach(member -> stages.put(member, CompletableFuture.failedFuture(ex)));
            counts.recordFailure(ex.failure());
            return stages;
        }
        Envelope envelope = new Envelope(Envelope.Kind.ONE_WAY, 0, topic, Payloads.nullHeader(payload), bytes);
        for (ClusterNode member : transport.members()) {
            stages.put(member, write(member, envelope));
        }
        return stages;
    }

    <T> CompletionStage<T> request(ClusterNode member, String topic, @Nullable Object payload, Class<T> replyType,
            Duration timeout) {
        return requests.request(member, topic, payload, replyType, timeout);
    }

    private CompletionStage<Void> write(ClusterNode member, Envelope envelope) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        transport.send(member, envelope).whenComplete((done, failure) -> {
            if (failure == null) {
                counts.sent(member);
                written.complete(null);
            }
            else {
                ClusterMessagingException notSent = Failures.of(failure);
                counts.recordFailure(notSent.failure());
                written.completeExceptionally(notSent);
            }
        });
        return written;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
