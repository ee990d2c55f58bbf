package io.gencluster.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.gencluster.ClusterNode;
import io.gencluster.transport.ClusterTransport;
import io.micrometer.observation.ObservationRegistry;

/**
 * The messaging runtime of one node, behind {@link ClusterTemplate}: wiring, not
 * application code.
 */
public class ClusterMessenger {

    private final MessagingSettings settings;

    /**
     * Creates the runtime; it handles nothing until the transport's listener forwards to
     * it.
     */
    public ClusterMessenger(ClusterTransport transport, ClusterPayloadCodec codec, MessagingSettings settings,
            ObservationRegistry observations) {
        this.settings = settings;
    }

    MessagingSettings settings() {
        return settings;
    }

    CompletionStage<Void> send(ClusterNode member, String topic, Object payload) {
        throw new UnsupportedOperationException("not yet");
    }

    Map<ClusterNode, CompletionStage<Void>> broadcast(String topic, Object payload) {
        throw new UnsupportedOperationException("not yet");
    }

    <T> CompletionStage<T> request(ClusterNode member, String topic, Object payload, Class<T> replyType,
            Duration timeout) {
        throw new UnsupportedOperationException("not yet");
    }

}
