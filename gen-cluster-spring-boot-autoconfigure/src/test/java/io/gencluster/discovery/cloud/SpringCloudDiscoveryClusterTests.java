package io.gencluster.discovery.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import io.gencluster.ClusterNode;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code spring-cloud} strategy over Spring Cloud's {@code SimpleDiscoveryClient},
 * whose instances come from {@code spring.cloud.discovery.client.simple.instances.*}:
 * each names its node's transport port in its
 * {@value SpringCloudDiscovery#TRANSPORT_PORT_KEY} metadata.
 */
class SpringCloudDiscoveryClusterTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void formsAClusterFromTheInstancesOfTheServiceAndFollowsAChangeInThem() {
        // Transport ports are chosen at bind time: a port picked in advance could be
        // taken meanwhile.
        try (TestApplication a = node().start();
                TestApplication b = node(port(a)).start();
                TestApplication c = node().start()) {
            await().atMost(DEADLINE)
                .until(() -> a.manager().members().size() == 1 && b.manager().members().size() == 1);
            assertThat(b.manager().strategies()).containsExactly("spring-cloud hello");
            assertThat(b.manager().members()).extracting(ClusterNode::id).containsExactly(a.id());
            assertThat(c.manager().members()).isEmpty();

            a.bean(SimpleDiscoveryProperties.class).setInstances(Map.of("hello", List.of(instance(port(c)))));

            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 2);
            assertThat(a.manager().members()).extracting(ClusterNode::id).containsExactly(b.id(), c.id());
        }
    }

    /**
     * A node named hello, whose discovery client lists instances at these transport
     * ports.
     */
    private static TestApplication.Builder node(int... instancePorts) {
        List<String> properties = new ArrayList<>(
                List.of("spring.application.name=hello", "gen-cluster.transport.connect-all=false",
                        "gen-cluster.refresh-interval=300ms", "gen-cluster.discovery.strategy=spring-cloud"));
        for (int i = 0; i < instancePorts.length; i++) {
            String instance = "spring.cloud.discovery.client.simple.instances.hello[" + i + "].";
            properties.add(instance + "uri=http://127.0.0.1:8080");
            properties.add(instance + "metadata." + SpringCloudDiscovery.TRANSPORT_PORT_KEY + "=" + instancePorts[i]);
        }
        return TestApplication.named("hello").properties(properties.toArray(String[]::new));
    }

    private static int port(TestApplication node) {
        return node.manager().self().address().port();
    }

    private static InstanceProperties instance(int transportPort) {
        InstanceProperties instance = new InstanceProperties();
        instance.setServiceId("hello");
        instance.setUri(URI.create("http://127.0.0.1:8080"));
        instance.setMetadata(Map.of(SpringCloudDiscovery.TRANSPORT_PORT_KEY, Integer.toString(transportPort)));
        return instance;
    }

}
