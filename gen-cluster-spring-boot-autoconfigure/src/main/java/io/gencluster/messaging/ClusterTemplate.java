package io.gencluster.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.gencluster.ClusterNode;

/**
 * Sends application messages to members, in Spring's habit of {@code JmsTemplate} and
 * {@code KafkaTemplate}: one member, every member, or a request that a member's
 * {@link ClusterListener} answers. A bean when the cluster is configured.
 * <p>
 * Every method returns at once with a stage that says what happened: written to the link,
 * answered, or failed with a {@link ClusterMessagingException} whose
 * {@link ClusterMessagingException#failure() failure} names the cause. Delivery is at
 * most once; messages from this node to one topic on a member are handled in the order
 * sent. Stages of {@code send} and {@code broadcast} may complete on a network thread:
 * chain blocking work with the {@code *Async} methods.
 */
public class ClusterTemplate {

    private final ClusterMessenger messenger;

    /**
     * Creates a template over a messenger.
     * @param messenger the messaging runtime of this node
     */
    public ClusterTemplate(ClusterMessenger messenger) {
        this.messenger = messenger;
    }

    /**
     * Sends a one-way message to a member.
     * @param member the member
     * @param topic the topic its handler listens to
     * @param payload the message ({@code byte[]} and {@code String} as they are, anything
     * else through the {@link ClusterPayloadCodec})
     * @return completes when the message is written to the link
     */
    public CompletionStage<Void> send(ClusterNode member, String topic, Object payload) {
        return messenger.send(member, topic, payload);
    }

    /**
     * Sends a one-way message to every member at the time of the call, encoding the
     * payload once.
     * @param topic the topic their handlers listen to
     * @param payload the message
     * @return one stage per member, each as {@link #send} returns it
     */
    public Map<ClusterNode, CompletionStage<Void>> broadcast(String topic, Object payload) {
        return messenger.broadcast(topic, payload);
    }

    /**
     * Sends a request to a member and awaits its reply for the default request timeout
     * ({@link MessagingSettings#requestTimeout()}, set by the request-timeout property).
     * @param <T> the reply's type
     * @param member the member
     * @param topic the topic its handler listens to
     * @param payload the request
     * @param replyType what the reply decodes into
     * @return the reply ({@code null} for a handler that returns nothing)
     */
    public <T> CompletionStage<T> request(ClusterNode member, String topic, Object payload, Class<T> replyType) {
        return messenger.request(member, topic, payload, replyType, messenger.settings().requestTimeout());
    }

    /**
     * Sends a request to a member and awaits its reply until the timeout; fails at once
     * with {@link ClusterMessagingException.Failure#LINK_DOWN} when the member leaves
     * first.
     * @param <T> the reply's type
     * @param member the member
     * @param topic the topic its handler listens to
     * @param payload the request
     * @param replyType what the reply decodes into
     * @param timeout how long to wait for the reply
     * @return the reply ({@code null} for a handler that returns nothing)
     */
    public <T> CompletionStage<T> request(ClusterNode member, String topic, Object payload, Class<T> replyType,
            Duration timeout) {
        return messenger.request(member, topic, payload, replyType, timeout);
    }

}
