package io.gencluster.transport.tcp;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.gencluster.ClusterNode;

/**
 * Bounds the dials of this JVM that are connecting or in their handshake; the rest wait
 * their turn, first come first served, before they connect. A handshake costs its event
 * loop a few key exchanges, and every handshake in progress shares the same few loops: a
 * thousand at once (100 nodes forming in one JVM) made each one so slow that they all
 * passed their deadline and were done again. In turn, the deadline measures the peer, not
 * this JVM's queue. A slot is freed when the dial ends, or when its connection closes (a
 * dial the peer refused as crossed waits for the peer's link without one). A dial that
 * waited starts on its dialler's own executor, never on the thread that freed the slot
 * (an event loop, or one holding another transport's lock). Thread-safe.
 */
final class DialSlots {

    /** Dials in progress per event-loop thread of the {@link SharedEventLoops}. */
    static final int PER_LOOP = 32;

    /** The slots of this JVM's transports. */
    static final DialSlots JVM = new DialSlots(PER_LOOP * SharedEventLoops.THREADS);

    private final int slots;

    private final Deque<Waiting> waiting = new ArrayDeque<>();

    private int taken;

    DialSlots(int slots) {
        this.slots = slots;
    }

    /**
     * Runs {@code dial} with a slot: at once on the calling thread, or when a slot is
     * freed on {@code owner}; not at all when {@code connected} is complete by then.
     * @param owner the dialler's executor, where a dial that waited starts, and what
     * {@link #abandon} names
     * @param dial starts the dial; it frees the slot it is given when the dial ends
     */
    void run(Executor owner, CompletableFuture<ClusterNode> connected, SlotTask dial) {
        Waiting task = new Waiting(owner, connected, dial);
        synchronized (this) {
            if (taken >= slots) {
                waiting.add(task);
                return;
            }
            taken++;
        }
        task.start(new Slot());
    }

    /** Fails the dials of {@code owner} that wait for a slot: their transport stopped. */
    void abandon(Executor owner) {
        List<Waiting> abandoned = new ArrayList<>();
        synchronized (this) {
            waiting.removeIf(dial -> dial.owner == owner && abandoned.add(dial));
        }
        abandoned.forEach(dial -> dial.connected.completeExceptionally(stopped()));
    }

    /** How many dials wait for a slot. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void freed() {
        Waiting next;
        synchronized (this) {
            do {
                next = waiting.poll();
            }
            while (next != null && next.connected.isDone());
            if (next == null) {
                taken--;
                return;
            }
        }
        Waiting dial = next;
        Slot slot = new Slot();
        try {
            dial.owner.execute(() -> dial.start(slot));
        }
        catch (RejectedExecutionException ex) {
            dial.connected.completeExceptionally(stopped());
            slot.free();
        }
    }

    private static IOException stopped() {
        return new IOException("The transport is stopped");
    }

    /** A dial that runs once it has a slot. */
    @FunctionalInterface
    interface SlotTask {

        void run(Slot slot);

    }

    /** One dial's slot; freeing it more than once frees it once. */
    final class Slot {

        private boolean freed;

        /** The dial ended, or its connection closed: the next waiting dial may start. */
        void free() {
            synchronized (DialSlots.this) {
                if (freed) {
                    return;
                }
                freed = true;
            }
            freed();
        }

    }

    private record Waiting(Executor owner, CompletableFuture<ClusterNode> connected, SlotTask dial) {

        /** Starts the dial; one that throws fails and frees its slot. */
        void start(Slot slot) {
            try {
                dial.run(slot);
            }
            catch (RuntimeException ex) {
                connected.completeExceptionally(ex);
                slot.free();
            }
        }

    }

}
