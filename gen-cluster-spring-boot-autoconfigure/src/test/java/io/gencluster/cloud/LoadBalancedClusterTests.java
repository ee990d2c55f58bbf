package io.gencluster.cloud;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import io.gencluster.ClusterMembership;
import io.gencluster.NodeMetadata;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes named {@code hello} in one JVM, each with a web server on a random port:
 * Spring Cloud sees them as the instances of service {@code hello}, and a
 * {@code @LoadBalanced} client calls them over real HTTP by that name.
 */
class LoadBalancedClusterTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Read per call, so that a member that left gets no further call. */
    private static final String NO_CACHE = "spring.cloud.loadbalancer.cache.enabled=false";

    @Test
    void theDiscoveryClientListsExactlyTheMembersAndThisNodeWithTheirWebPortsAndMetadata() {
        int unused = TestApplication.freePort();
        try (TestApplication a = node().staticNodes("127.0.0.1:" + unused)
            .properties("gen-cluster.metadata.zone=eu-1")
            .start();
                TestApplication b = node().staticNodes(a.clusterAddress()).start();
                TestApplication c = node().staticNodes(a.clusterAddress()).start()) {
            List<TestApplication> nodes = List.of(a, b, c);
            await().atMost(DEADLINE).until(() -> TestApplication.fullyMeshed(nodes));

            DiscoveryClient client = a.bean(DiscoveryClient.class);
            assertThat(client.getServices()).contains("hello");
            List<ServiceInstance> instances = client.getInstances("hello");
            assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactly(a.id(), b.id(), c.id());
            for (TestApplication node : nodes) {
                ServiceInstance instance = instances.stream()
                    .filter(candidate -> candidate.getInstanceId().equals(node.id()))
                    .findFirst()
                    .orElseThrow();
                assertThat(instance.getServiceId()).isEqualTo("hello");
                assertThat(instance.getHost()).isEqualTo("127.0.0.1");
                assertThat(instance.getPort()).isEqualTo(node.webPort());
                assertThat(instance.isSecure()).isFalse();
                assertThat(instance.getUri()).hasToString("http://127.0.0.1:" + node.webPort());
                assertThat(instance.getMetadata())
                    .containsEntry(NodeMetadata.WEB_PORT, Integer.toString(node.webPort()))
                    .containsEntry(NodeMetadata.WEB_SCHEME, "http");
            }
            assertThat(instances.get(0).getMetadata()).containsEntry("zone", "eu-1");
            // Spring Cloud registers reactive clients with WebClient on the class path;
            // the answer is the same.
            ReactiveDiscoveryClient reactive = new ClusterReactiveDiscoveryClient(
                    b.bean(ClusterServiceInstances.class));
            assertThat(reactive.getInstances("hello").collectList().block()).extracting(ServiceInstance::getInstanceId)
                .startsWith(b.id())
                .containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        }
    }

    @Test
    void aLoadBalancedClientCallsEveryMemberByNameAndAClosedOneNoMore() {
        int unused = TestApplication.freePort();
        try (TestApplication a = node().staticNodes("127.0.0.1:" + unused).start();
                TestApplication b = node().staticNodes(a.clusterAddress()).start()) {
            TestApplication c = node().staticNodes(a.clusterAddress()).start();
            List<TestApplication> nodes = List.of(a, b, c);
            await().atMost(DEADLINE).until(() -> TestApplication.fullyMeshed(nodes));
            RestClient client = a.bean(RestClient.Builder.class).build();

            Set<String> served = new HashSet<>();
            await().atMost(DEADLINE).until(() -> {
                served.add(whoServed(client));
                return served.size() == 3;
            });
            assertThat(served).containsExactlyInAnyOrder(a.id(), b.id(), c.id());

            String closed = c.id();
            c.close();
            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1);
            for (int i = 0; i < 20; i++) {
                assertThat(whoServed(client)).isNotEqualTo(closed).isIn(a.id(), b.id());
            }
        }
    }

    private static String whoServed(RestClient client) {
        return client.get().uri("http://hello/whoami").retrieve().body(String.class);
    }

    private static TestApplication.Builder node() {
        return TestApplication.named("hello").web().with(HelloApplication.class).properties(NO_CACHE);
    }

    /**
     * The application: answers with the id of the node that served, and calls its peers
     * by name.
     */
    @Configuration(proxyBeanMethods = false)
    static class HelloApplication {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClientBuilder() {
            return RestClient.builder();
        }

        @Bean
        WhoAmI whoAmI(ClusterMembership membership) {
            return new WhoAmI(membership);
        }

    }

    @RestController
    static class WhoAmI {

        private final ClusterMembership membership;

        WhoAmI(ClusterMembership membership) {
            this.membership = membership;
        }

        @GetMapping("/whoami")
        String whoAmI() {
            return membership.self().orElseThrow().id();
        }

    }

}
