package io.gencluster.membership;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DialsInFlightTests {

    /**
     * Fails if a waiter is told "none in flight" while a dial is still in flight, or
     * never told once the last one ended.
     */
    @Test
    void aWaiterIsToldOnlyOnceTheLastDialInFlightEnded() {
        DialsInFlight dials = new DialsInFlight();
        assertThat(dials.none()).as("none in flight: at once").isDone();

        dials.started();
        dials.started();
        CompletableFuture<Void> none = dials.none();
        dials.ended();
        assertThat(none).as("one still in flight").isNotDone();

        dials.ended();
        assertThat(none).isDone();
    }

}
