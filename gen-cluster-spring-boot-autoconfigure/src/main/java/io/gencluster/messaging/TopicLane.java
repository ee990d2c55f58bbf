package io.gencluster.messaging;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.gencluster.ClusterNode;
import io.gencluster.transport.Envelope;

/**
 * One topic's received messages, handled one at a time in arrival order on a shared
 * executor: a bounded queue, at most one task of it on the executor at a time, and a turn
 * of at most {@link #TURN} messages before it yields its thread to other topics.
 */
final class TopicLane {

    /** Messages handled in one turn on an executor thread before the lane yields it. */
    static final int TURN = 64;

    private record Delivery(ClusterNode sender, Envelope envelope) {
    }

    private final ListenerMethod listener;

    private final int capacity;

    private final Executor executor;

    private final BiConsumer<ClusterNode, Envelope> handler;

    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();

    private boolean scheduled;

    /**
     * @param handler handles one message (never throws)
     */
    TopicLane(ListenerMethod listener, int capacity, Executor executor, BiConsumer<ClusterNode, Envelope> handler) {
        this.listener = listener;
        this.capacity = capacity;
        this.executor = executor;
        this.handler = handler;
    }

    ListenerMethod listener() {
        return listener;
    }

    /**
     * Queues a message; false when the queue is full (the message is dropped) or the
     * executor is shut down.
     */
    boolean offer(ClusterNode sender, Envelope envelope) {
        synchronized (this) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(new Delivery(sender, envelope));
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        return schedule();
    }

    /** How many messages wait now. */
    synchronized int waiting() {
        return queue.size();
    }

    private boolean schedule() {
        try {
            executor.execute(this::drain);
            return true;
        }
        catch (RejectedExecutionException ex) {
            synchronized (this) {
                queue.clear();
                scheduled = false;
            }
            return false;
        }
    }

    private void drain() {
        for (int i = 0; i < TURN; i++) {
            Delivery next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    scheduled = false;
                    return;
                }
            }
            handler.accept(next.sender(), next.envelope());
        }
        schedule();
    }

}
