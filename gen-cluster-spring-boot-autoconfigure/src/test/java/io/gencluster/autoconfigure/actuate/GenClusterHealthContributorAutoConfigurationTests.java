package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterHealthIndicator;
import io.gencluster.actuate.ScriptedTransport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.transport.ClusterTransport;

import java.util.List;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;

import static org.assertj.core.api.Assertions.assertThat;

class GenClusterHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                GenClusterHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class))
        .withBean(ClusterTransport.class, ScriptedTransport::new)
        .withPropertyValues("gen-cluster.discovery.strategy=static",
                "gen-cluster.discovery.static.nodes=127.0.0.1:4399");

    @Test
    void registersTheClusterContributor() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(ClusterHealthIndicator.class);
            assertThat(context).hasBean("clusterHealthIndicator");
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("cluster"))
                .isInstanceOf(ClusterHealthIndicator.class);
            Health health = context.getBean(ClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("minMembers", 0);
        });
    }

    /**
     * Fails if {@code health.out-of-service-when-isolated} does not reach the indicator:
     * a node that lost its three peers at once stays UP.
     */
    @Test
    void takesOutOfServiceWhenIsolatedFromTheProperty() {
        contextRunner.withPropertyValues("gen-cluster.health.out-of-service-when-isolated=true").run(context -> {
            ScriptedTransport transport = (ScriptedTransport) context.getBean(ClusterTransport.class);
            List<ClusterNode> peers = List.of(ScriptedTransport.node("b", 4371, 0xb1L, ClusterNode.Direction.INBOUND),
                    ScriptedTransport.node("c", 4372, 0xc1L, ClusterNode.Direction.INBOUND),
                    ScriptedTransport.node("d", 4373, 0xd1L, ClusterNode.Direction.INBOUND));
            peers.forEach(transport::peerUp);
            peers.forEach(peer -> transport.peerDown(peer, LeaveReason.HEARTBEAT_TIMEOUT));
            Health health = context.getBean(ClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("isolated", true);
        });
    }

    @Test
    void takesMinMembersFromTheProperty() {
        contextRunner.withPropertyValues("gen-cluster.health.min-members=2").run(context -> {
            Health health = context.getBean(ClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("minMembers", 2)
                .containsEntry("reason", "0 member(s), at least 2 needed");
        });
    }

    @Test
    void registersNothingWhenTheIndicatorIsDisabled() {
        contextRunner.withPropertyValues("management.health.cluster.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ClusterHealthIndicator.class));
    }

    @Test
    void registersNothingWhenTheClusterIsNotConfigured() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                    GenClusterHealthContributorAutoConfiguration.class))
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ClusterManager.class);
                assertThat(context).doesNotHaveBean(ClusterHealthIndicator.class);
            });
    }

    @Test
    void registersNothingWithoutSpringBootHealth() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                    GenClusterHealthContributorAutoConfiguration.class))
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterManager.class);
                assertThat(context).doesNotHaveBean("clusterHealthIndicator");
            });
    }

    @Test
    void backsOffForTheApplicationsOwnClusterIndicator() {
        contextRunner.withBean("clusterHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
            .run(context -> assertThat(context).doesNotHaveBean(ClusterHealthIndicator.class));
    }

}
