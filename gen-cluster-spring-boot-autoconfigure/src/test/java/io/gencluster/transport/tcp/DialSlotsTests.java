package io.gencluster.transport.tcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.gencluster.ClusterNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slots every dial of a JVM waits for: who starts, who waits, and what frees a slot.
 */
class DialSlotsTests {

    private final List<String> started = new ArrayList<>();

    private final List<DialSlots.Slot> held = new ArrayList<>();

    /** Runs a dial that waited at once, on the thread that freed the slot. */
    private final Executor direct = Runnable::run;

    /** Fails if the bound is not held, or a freed slot does not start the next dial. */
    @Test
    void dialsBeyondTheSlotsWaitUntilOneIsFreed() {
        DialSlots slots = new DialSlots(2);

        run(slots, "a", new CompletableFuture<>());
        run(slots, "b", new CompletableFuture<>());
        run(slots, "c", new CompletableFuture<>());
        assertThat(started).containsExactly("a", "b");
        assertThat(slots.waiting()).isEqualTo(1);

        held.get(1).free();
        assertThat(started).containsExactly("a", "b", "c");
        assertThat(slots.waiting()).isZero();
    }

    /** Fails if the waiting dials start in another order than they came. */
    @Test
    void waitingDialsStartFirstComeFirstServed() {
        DialSlots slots = new DialSlots(1);
        for (String dial : List.of("a", "b", "c", "d")) {
            run(slots, dial, new CompletableFuture<>());
        }

        held.get(0).free();
        held.get(1).free();
        held.get(2).free();

        assertThat(started).containsExactly("a", "b", "c", "d");
    }

    /**
     * Fails if a dial that ended while it waited (its transport's connect failed or was
     * merged) still connects, or keeps the slot from the next one.
     */
    @Test
    void aWaitingDialThatEndedMeanwhileIsSkipped() {
        DialSlots slots = new DialSlots(1);
        CompletableFuture<ClusterNode> ended = new CompletableFuture<>();
        run(slots, "a", new CompletableFuture<>());
        run(slots, "b", ended);
        run(slots, "c", new CompletableFuture<>());

        ended.completeExceptionally(new IOException("gave up"));
        held.get(0).free();

        assertThat(started).containsExactly("a", "c");
    }

    /**
     * Fails if a slot freed twice (its dial ended and its connection closed) counts as
     * two: three dials would then run on one slot.
     */
    @Test
    void aSlotFreedTwiceIsFreedOnce() {
        DialSlots slots = new DialSlots(1);
        run(slots, "a", new CompletableFuture<>());
        run(slots, "b", new CompletableFuture<>());
        run(slots, "c", new CompletableFuture<>());

        held.get(0).free();
        held.get(0).free();

        assertThat(started).containsExactly("a", "b");
        assertThat(slots.waiting()).isEqualTo(1);
    }

    /**
     * Fails if a stopping transport leaves its dials waiting forever, or fails another
     * transport's.
     */
    @Test
    void abandoningFailsOnlyTheOwnersWaitingDials() {
        DialSlots slots = new DialSlots(1);
        Executor stopping = command -> command.run();
        Executor running = command -> command.run();
        CompletableFuture<ClusterNode> abandoned = new CompletableFuture<>();
        CompletableFuture<ClusterNode> kept = new CompletableFuture<>();
        slots.run(running, new CompletableFuture<>(), held::add);
        slots.run(stopping, abandoned, slot -> started.add("abandoned"));
        slots.run(running, kept, slot -> started.add("kept"));

        slots.abandon(stopping);

        assertThat(abandoned).isCompletedExceptionally();
        assertThat(kept).isNotDone();
        assertThat(slots.waiting()).isEqualTo(1);
        held.get(0).free();
        assertThat(started).containsExactly("kept");
    }

    /** Fails if a dial that throws keeps its slot, or its connect never ends. */
    @Test
    void aDialThatThrowsFailsAndFreesItsSlot() {
        DialSlots slots = new DialSlots(1);
        CompletableFuture<ClusterNode> broken = new CompletableFuture<>();

        slots.run(direct, broken, slot -> {
            throw new IllegalStateException("event loop shut down");
        });
        run(slots, "next", new CompletableFuture<>());

        assertThat(broken).isCompletedExceptionally();
        assertThat(started).containsExactly("next");
    }

    /**
     * Fails if a dial that waited starts on the thread that freed the slot (an event
     * loop, or one holding another transport's lock) rather than on its own dialler's
     * executor.
     */
    @Test
    void aDialThatWaitedStartsOnItsDiallersExecutor() {
        DialSlots slots = new DialSlots(1);
        List<Runnable> queued = new ArrayList<>();
        run(slots, "first", new CompletableFuture<>());
        slots.run(queued::add, new CompletableFuture<>(), slot -> started.add("waited"));

        held.get(0).free();
        assertThat(started).containsExactly("first");
        assertThat(queued).hasSize(1);

        queued.get(0).run();
        assertThat(started).containsExactly("first", "waited");
    }

    /**
     * Fails if a dial whose dialler no longer runs tasks is neither failed nor passes its
     * slot on: the slot would be lost, and the dial never end.
     */
    @Test
    void aDialWhoseDiallerStoppedFailsAndPassesItsSlotOn() {
        DialSlots slots = new DialSlots(1);
        CompletableFuture<ClusterNode> orphan = new CompletableFuture<>();
        run(slots, "first", new CompletableFuture<>());
        slots.run(command -> {
            throw new RejectedExecutionException("stopped");
        }, orphan, slot -> started.add("orphan"));
        run(slots, "next", new CompletableFuture<>());

        held.get(0).free();

        assertThat(orphan).isCompletedExceptionally();
        assertThat(started).containsExactly("first", "next");
    }

    private void run(DialSlots slots, String dial, CompletableFuture<ClusterNode> connected) {
        slots.run(direct, connected, slot -> {
            started.add(dial);
            held.add(slot);
        });
    }

}
