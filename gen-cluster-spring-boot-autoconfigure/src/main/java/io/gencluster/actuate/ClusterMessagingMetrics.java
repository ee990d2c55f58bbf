package io.gencluster.actuate;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.gencluster.messaging.ClusterMessagingException;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.MessageCounts;

/**
 * Micrometer meters of a {@link ClusterMessenger}: messages sent, received and failed (by
 * {@code outcome}, one value per {@link ClusterMessagingException.Failure}, all
 * registered at binding) and the requests awaiting replies. The timer
 * {@code gen.cluster.requests} comes from the request's {@code Observation}.
 */
public class ClusterMessagingMetrics implements MeterBinder {

    private final ClusterMessenger messenger;

    /**
     * Creates the binder.
     * @param messenger the messaging to measure
     */
    public ClusterMessagingMetrics(ClusterMessenger messenger) {
        this.messenger = messenger;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MessageCounts counts = messenger.counts();
        FunctionCounter.builder("gen.cluster.messages.sent", counts, MessageCounts::sent)
            .description("Messages (one-way, requests and replies) written to members' links")
            .baseUnit("messages")
            .register(registry);
        FunctionCounter.builder("gen.cluster.messages.received", counts, MessageCounts::received)
            .description("Messages (one-way, requests and replies) received from members")
            .baseUnit("messages")
            .register(registry);
        for (ClusterMessagingException.Failure failure : ClusterMessagingException.Failure.values()) {
            FunctionCounter.builder("gen.cluster.messages.failed", counts, c -> c.failed(failure))
                .description("Messages that failed on this node, sending or handling, by outcome")
                .baseUnit("messages")
                .tag("outcome", failure.name().toLowerCase(Locale.ROOT))
                .register(registry);
        }
        Gauge.builder("gen.cluster.requests.pending", messenger, ClusterMessenger::pendingRequests)
            .description("Requests of this node awaiting replies")
            .baseUnit("requests")
            .register(registry);
    }

}
