package io.gencluster.autoconfigure.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import io.gencluster.ClusterEvent;
import io.gencluster.autoconfigure.GenClusterProperties;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.tcp.TcpTransport;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * A Spring Boot application with the web server, the actuator and gen-cluster, as a user would
 * write it; one runs per node. It also records the cluster events it receives.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class NodeApplication {

    /** The TCP transport made from the gen-cluster.transport properties the tests set. */
    @Bean
    ClusterTransport clusterTransport(GenClusterProperties properties) {
        GenClusterProperties.Transport transport = properties.getTransport();
        return new TcpTransport(TcpTransportSettings.defaults(properties.getNodeName(), transport.getCookie())
            .withBind(transport.getBindAddress(), transport.getPort())
            .withHandshakeTimeout(Duration.ofSeconds(2))
            .withHeartbeat(transport.getHeartbeatInterval(), transport.getHeartbeatTimeout()));
    }

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
