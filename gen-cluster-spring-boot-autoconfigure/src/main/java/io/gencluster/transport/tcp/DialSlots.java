package io.gencluster.transport.tcp;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;

/**
 * Bounds the dials of this JVM that are connecting or in their handshake; the rest wait
 * their turn, first come first served, before they connect. A handshake costs its event
 * loop a few key exchanges, and every handshake in progress shares the same few loops: a
 * thousand at once (100 nodes forming in one JVM) made each one so slow that they all
 * passed their deadline and were done again. In turn, the deadline measures the peer, not
 * this JVM's queue. A slot is freed when the dial ends, or when its connection closes (a
 * dial the peer refused as crossed waits for the peer's link without one). Thread-safe.
 */
final class DialSlots {

    /** Dials in progress per event-loop thread of the {@link SharedEventLoops}. */
    static final int PER_LOOP = 32;

    /** The slots of this JVM's transports. */
    static final DialSlots JVM = new DialSlots(PER_LOOP * SharedEventLoops.THREADS);

    private final int slots;

    private final Deque<Waiting> waiting = new ArrayDeque<>();

    private int taken;

    /** The dials this thread is to start once the one it is starting returns. */
    private final ThreadLocal<Deque<Waiting>> starting = new ThreadLocal<>();

    DialSlots(int slots) {
        this.slots = slots;
    }

    /**
     * Runs {@code dial} with a slot, at once or when one is freed; not at all when
     * {@code connected} is complete by then.
     * @param owner the dialler the dial belongs to, for {@link #abandon}
     * @param dial starts the dial; it frees the slot it is given when the dial ends
     */
    void run(Object owner, CompletableFuture<ClusterNode> connected, SlotTask dial) {
        Waiting task = new Waiting(owner, connected, dial);
        synchronized (this) {
            if (taken >= slots) {
                waiting.add(task);
                return;
            }
            taken++;
        }
        start(task);
    }

    /** Fails the dials of {@code owner} that wait for a slot: their transport stopped. */
    void abandon(Object owner) {
        Deque<Waiting> abandoned = new ArrayDeque<>();
        synchronized (this) {
            waiting.removeIf(dial -> dial.owner == owner && abandoned.add(dial));
        }
        abandoned.forEach(dial -> dial.connected.completeExceptionally(new IOException("The transport is stopped")));
    }

    /** How many dials wait for a slot. */
    synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Starts a dial with a new slot. A dial that fails at once frees its slot at once,
     * which starts the next one: those are started after it returns, not inside it, so a
     * long queue failing (its event loops shut down) does not nest one call per dial.
     */
    private void start(Waiting task) {
        Deque<Waiting> later = starting.get();
        if (later != null) {
            later.add(task);
            return;
        }
        later = new ArrayDeque<>();
        starting.set(later);
        try {
            for (Waiting next = task; next != null; next = later.poll()) {
                Slot slot = new Slot();
                try {
                    next.dial.run(slot);
                }
                catch (RuntimeException ex) {
                    next.connected.completeExceptionally(ex);
                    slot.free();
                }
            }
        }
        finally {
            starting.remove();
        }
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
        start(next);
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

    private record Waiting(Object owner, CompletableFuture<ClusterNode> connected, SlotTask dial) {
    }

}
