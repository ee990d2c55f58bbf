package io.gencluster.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gencluster.testsupport.TestCookies;
import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.membership.ClusterManager;
import io.gencluster.transport.ClusterTransport;

import static io.gencluster.testsupport.TestApplication.freePort;
import static io.gencluster.testsupport.TestApplication.portIsFree;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterMembershipAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(GenClusterAutoConfiguration.class, ClusterMembershipAutoConfiguration.class))
        .withPropertyValues("gen-cluster.transport.bind-address=127.0.0.1",
                "gen-cluster.transport.cookie=" + TestCookies.SHARED);

    @Test
    void theMembershipIsEmptyAndNotRunningWhenTheClusterIsOff() throws IOException {
        int port = freePort();
        contextRunner.withPropertyValues("gen-cluster.transport.port=" + port).run(context -> {
            assertThat(context).hasSingleBean(ClusterMembership.class);
            assertThat(context).doesNotHaveBean(ClusterManager.class);
            assertThat(context).doesNotHaveBean(ClusterTransport.class);
            ClusterMembership membership = context.getBean(ClusterMembership.class);
            assertThat(membership.isRunning()).isFalse();
            assertThat(membership.self()).isEmpty();
            assertThat(membership.members()).isEmpty();
            assertThat(membership.member("b@127.0.0.1:4371")).isEmpty();
            assertThat(portIsFree(port)).as("port %d stays closed", port).isTrue();
        });
    }

    @Test
    void theMembershipIsEmptyWhenTheClusterIsDisabled() {
        contextRunner
            .withPropertyValues("gen-cluster.enabled=false", "gen-cluster.discovery.strategy=static",
                    "gen-cluster.discovery.static.nodes=127.0.0.1:1")
            .run(context -> assertThat(context).getBean(ClusterMembership.class).isSameAs(ClusterMembership.none()));
    }

    @Test
    void theMembershipIsTheManagersLiveViewWhenTheClusterIsConfigured() {
        contextRunner
            .withPropertyValues("gen-cluster.transport.port=0", "gen-cluster.discovery.strategy=static",
                    "gen-cluster.discovery.static.nodes=127.0.0.1:1")
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterMembership.class);
                ClusterManager manager = context.getBean(ClusterManager.class);
                ClusterMembership membership = context.getBean(ClusterMembership.class);
                assertThat(membership).isSameAs(manager.membership());
                assertThat(membership.isRunning()).isTrue();
                assertThat(membership.self()).contains(manager.self());
            });
    }

    @Test
    void aClusterMembershipBeanOfTheApplicationWins() {
        contextRunner.withUserConfiguration(OwnMembership.class)
            .run(context -> assertThat(context).getBean(ClusterMembership.class).isInstanceOf(AlwaysAlone.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMembership {

        @Bean
        ClusterMembership ownMembership() {
            return new AlwaysAlone();
        }

    }

    /** A membership of the application's own: running, never with a member. */
    static final class AlwaysAlone implements ClusterMembership {

        @Override
        public Optional<ClusterNode> self() {
            return Optional.empty();
        }

        @Override
        public List<ClusterNode> members() {
            return List.of();
        }

        @Override
        public Optional<ClusterNode> member(String id) {
            return Optional.empty();
        }

        @Override
        public boolean isRunning() {
            return true;
        }

    }

}
