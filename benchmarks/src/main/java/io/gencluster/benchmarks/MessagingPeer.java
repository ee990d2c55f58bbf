package io.gencluster.benchmarks;

import java.util.concurrent.CompletionStage;

/**
 * The far node of the messaging benchmark, as one system reaches it: what
 * {@link MessagingDriver} needs to measure that system.
 */
public interface MessagingPeer {

    /**
     * Sends one one-way message, waiting while the system pushes back (flow control, a
     * full outbound buffer): a message is never dropped.
     * @param payload the bytes to send (the same array every time; never changed)
     * @throws Exception when the message cannot be sent at all
     */
    void send(byte[] payload) throws Exception;

    /**
     * How many one-way messages the far node's handler has handled, with the far node's
     * own clock, and how many the far node dropped unhandled (gen-cluster: its topic
     * queue was full), when it says.
     * @return {@code {count, far node's monotonic microseconds}} or {@code {count,
     * micros, dropped}}
     * @throws Exception when the far node does not answer
     */
    long[] read() throws Exception;

    /**
     * How many sends the system refused so far because the link was full (and that were
     * retried); 0 for systems that block the sender instead.
     * @return the refusals since the start
     */
    default long refusals() {
        return 0;
    }

    /**
     * One request, answered by the far node with the same bytes.
     * @param payload the request's bytes
     * @return completes with the reply, or exceptionally
     */
    CompletionStage<?> request(byte[] payload);

}
