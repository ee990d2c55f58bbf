package io.gencluster.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Reads a group's endpoints over and over in the background while a fault runs, and
 * remembers every moment some node of the group was not linked to every other one, or had
 * exited; so "the others stayed meshed throughout" is checked at every poll, not only at
 * the end. A read that gets no answer in time from a running node (a loaded machine)
 * proves nothing either way: it is counted, and a caller can bound how many there may be.
 */
final class MeshWatch implements AutoCloseable {

    private final SampleCluster cluster;

    private final List<String> violations = new ArrayList<>();

    private final AtomicInteger polls = new AtomicInteger();

    private final AtomicInteger unanswered = new AtomicInteger();

    private final AtomicInteger reads = new AtomicInteger();

    private final Thread poller;

    private volatile Collection<SampleNode> group;

    private volatile boolean running = true;

    /** Starts watching {@code group}. */
    MeshWatch(SampleCluster cluster, Collection<SampleNode> group) {
        this.cluster = cluster;
        this.group = List.copyOf(group);
        this.poller = new Thread(this::poll, "gcst-mesh-watch");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /**
     * Watches another group; returns once a whole poll has read the new group, so no
     * older poll is still running.
     */
    void watch(Collection<SampleNode> group) {
        int before = polls.get();
        this.group = List.copyOf(group);
        await("a poll of " + group).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> polls.get() >= before + 2);
    }

    /** Every moment (with what was wrong) the group was not fully linked. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** How many times all endpoints of the group were read. */
    int polls() {
        return polls.get();
    }

    /** How many endpoint reads were made, over all nodes and polls. */
    int reads() {
        return reads.get();
    }

    /** How many endpoint reads of a running node got no answer in time. */
    int unanswered() {
        return unanswered.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(10_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        while (running) {
            Collection<SampleNode> watched = group;
            Map<SampleNode, Optional<ClusterView>> views = cluster.views(watched);
            List<String> problems = new ArrayList<>(SampleCluster.linkProblems(watched, views));
            views.forEach((node, view) -> {
                reads.incrementAndGet();
                if (view.isEmpty() && !node.alive()) {
                    problems.add(node.name() + " exited");
                }
                else if (view.isEmpty()) {
                    unanswered.incrementAndGet();
                }
            });
            polls.incrementAndGet();
            if (!problems.isEmpty()) {
                synchronized (this) {
                    violations.add(Instant.now() + " " + problems);
                }
            }
        }
    }

}
