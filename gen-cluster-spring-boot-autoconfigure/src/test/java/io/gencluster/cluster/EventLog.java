package io.gencluster.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the events one node publishes and checks they pair up: one join, then one
 * leave, per incarnation.
 */
final class EventLog implements ApplicationEventPublisher {

    private final List<ClusterEvent> events = new ArrayList<>();

    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void publishEvent(ApplicationEvent event) {
        events.add((ClusterEvent) event);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public void publishEvent(Object event) {
        publishEvent((ApplicationEvent) event);
    }

    synchronized List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    /** The reason of the last leave of the node with that id, if it left. */
    synchronized Optional<LeaveReason> lastLeaveOf(String id) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof PeerLeftEvent left && left.getNode().id().equals(id)) {
                return Optional.of(left.getReason());
            }
        }
        return Optional.empty();
    }

    synchronized long joinsOf(String id) {
        return events.stream().filter(e -> e instanceof PeerJoinedEvent && e.getNode().id().equals(id)).count();
    }

    /**
     * Every join is followed by exactly one leave of the same incarnation, and nothing
     * leaves without a join.
     */
    synchronized void assertJoinsAndLeavesPair(boolean allLeft) {
        Map<String, ClusterNode> up = new HashMap<>();
        for (ClusterEvent event : events) {
            String key = event.getNode().toString();
            if (event instanceof PeerJoinedEvent) {
                assertThat(up.put(key, event.getNode())).as("second join of %s", key).isNull();
            }
            else {
                assertThat(up.remove(key)).as("leave of %s without a join", key).isNotNull();
            }
        }
        if (allLeft) {
            assertThat(up).as("joined but never left").isEmpty();
        }
    }

}
