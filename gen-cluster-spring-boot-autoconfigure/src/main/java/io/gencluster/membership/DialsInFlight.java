package io.gencluster.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Counts the dials in flight and tells whoever waits once none is left: how a starting
 * node knows its first dials have ended. Thread-safe; waiters complete outside its lock.
 */
final class DialsInFlight {

    private int count;

    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    synchronized void started() {
        count++;
    }

    void ended() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            count--;
            if (count > 0) {
                return;
            }
            done = List.copyOf(waiting);
            waiting.clear();
        }
        done.forEach(waiter -> waiter.complete(null));
    }

    /** Completes when no dial is in flight: at once when none is. */
    synchronized CompletableFuture<Void> none() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        if (count == 0) {
            waiter.complete(null);
        }
        else {
            waiting.add(waiter);
        }
        return waiter;
    }

}
