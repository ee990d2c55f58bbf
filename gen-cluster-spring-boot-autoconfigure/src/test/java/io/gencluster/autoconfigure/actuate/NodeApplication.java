package io.gencluster.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import io.gencluster.ClusterEvent;

/**
 * A Spring Boot application with the web server, the actuator and gen-cluster (TCP transport from
 * the gen-cluster.transport properties), as a user would write it; one runs per node. It also
 * records the cluster events it receives.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class NodeApplication {

    @Bean
    EventLog eventLog() {
        return new EventLog();
    }

    /** Every cluster event this node published, in order. */
    static class EventLog implements ApplicationListener<ClusterEvent> {

        final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ClusterEvent event) {
            events.add(event);
        }
    }
}
