package io.gencluster.messaging;

import java.time.Duration;

/**
 * How a {@link ClusterMessenger} bounds its work. Every value is checked here.
 *
 * @param requestTimeout how long a request waits for its reply unless it names its own
 * timeout
 * @param inboundQueuePerTopic how many received messages of one topic may wait for its
 * handler; more are dropped (and counted), requests among them answered with
 * {@link ClusterMessagingException.Failure#INBOUND_FULL}
 * @param handlerThreads how many handlers run at once (each topic runs one message at a
 * time)
 * @param maxPendingRequests how many requests of this node may await replies at once;
 * more fail with {@link ClusterMessagingException.Failure#TOO_MANY_REQUESTS}
 */
public record MessagingSettings(Duration requestTimeout, int inboundQueuePerTopic, int handlerThreads,
        int maxPendingRequests) {

    /** The default request timeout: 5 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** The default number of messages of one topic that may wait for its handler. */
    public static final int DEFAULT_INBOUND_QUEUE_PER_TOPIC = 10_000;

    /** The default number of handler threads. */
    public static final int DEFAULT_HANDLER_THREADS = 8;

    /** The default number of requests that may await replies at once. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 65_536;

    /** Checks every value. */
    public MessagingSettings {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
        }
        positive("inboundQueuePerTopic", inboundQueuePerTopic);
        positive("handlerThreads", handlerThreads);
        positive("maxPendingRequests", maxPendingRequests);
    }

    /**
     * The defaults.
     * @return settings with every default
     */
    public static MessagingSettings defaults() {
        return new MessagingSettings(DEFAULT_REQUEST_TIMEOUT, DEFAULT_INBOUND_QUEUE_PER_TOPIC, DEFAULT_HANDLER_THREADS,
                DEFAULT_MAX_PENDING_REQUESTS);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

}
