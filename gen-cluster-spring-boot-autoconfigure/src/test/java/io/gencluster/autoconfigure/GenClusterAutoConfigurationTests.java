package io.gencluster.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.IpNetwork;
import io.gencluster.membership.DialLimits;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.membership.FlapPolicy;
import io.gencluster.membership.IsolationPolicy;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.tcp.TcpTransport;

import static io.gencluster.testsupport.TestApplication.freePort;
import static io.gencluster.testsupport.TestApplication.portIsFree;
import static org.assertj.core.api.Assertions.assertThat;

class GenClusterAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class))
        .withPropertyValues("gen-cluster.transport.port=0", "gen-cluster.transport.bind-address=127.0.0.1",
                "gen-cluster.transport.cookie=" + TestCookies.SHARED);

    private final ApplicationContextRunner staticCluster = contextRunner
        .withPropertyValues("gen-cluster.discovery.strategy=static", "gen-cluster.discovery.static.nodes=127.0.0.1:1");

    @Test
    void isInertWithoutDiscoveryConfiguration() throws IOException {
        int port = freePort();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class))
            .withPropertyValues("gen-cluster.transport.port=" + port)
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ClusterManager.class);
                assertThat(context).doesNotHaveBean(ClusterTransport.class);
                assertThat(context).doesNotHaveBean(GenClusterProperties.class);
                assertThat(portIsFree(port)).as("port %d stays closed", port).isTrue();
            });
    }

    @Test
    void isInertWhenDisabledEvenIfConfigured() {
        staticCluster.withPropertyValues("gen-cluster.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ClusterManager.class));
    }

    @Test
    void startsTheTcpTransportWithStaticDiscovery() {
        staticCluster.run(context -> {
            assertThat(context).hasSingleBean(ClusterManager.class);
            assertThat(context).getBean(ClusterTransport.class).isInstanceOf(TcpTransport.class);
            ClusterManager manager = context.getBean(ClusterManager.class);
            assertThat(manager.isRunning()).isTrue();
            assertThat(manager.strategies()).singleElement().asString().startsWith("static");
            assertThat(manager.self().address().port()).isPositive();
        });
    }

    @Test
    void wiresPortMapperDiscoveryWithAUniqueDefaultName() throws IOException {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=epmd", "gen-cluster.discovery.epmd.port=" + freePort(),
                    "spring.application.name=orders", "gen-cluster.transport.port=" + freePort())
            .run(context -> {
                ClusterManager manager = context.getBean(ClusterManager.class);
                assertThat(manager.strategies()).singleElement().asString().startsWith("epmd [localhost]");
                assertThat(manager.self().name()).isEqualTo("orders-" + manager.self().address().port());
            });
    }

    @Test
    void limitsComeFromTheProperties() {
        staticCluster
            .withPropertyValues("gen-cluster.limits.max-announced-addresses=10",
                    "gen-cluster.limits.max-pending-peers=20", "gen-cluster.limits.max-concurrent-dials=3",
                    "gen-cluster.limits.announced-networks=10.0.0.0/8,fd00::/8")
            .run(context -> {
                DialLimits limits = context.getBean(ClusterManager.class).settings().limits();
                assertThat(limits).isEqualTo(
                        new DialLimits(10, 20, 3, List.of(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("fd00::/8"))));
            });
    }

    @Test
    void limitsDefaultToTheirDocumentedValues() {
        staticCluster.run(context -> assertThat(context.getBean(ClusterManager.class).settings().limits())
            .isEqualTo(DialLimits.defaults()));
    }

    @Test
    void namesTheNodeAfterTheApplication() {
        staticCluster.withPropertyValues("spring.application.name=Order Service")
            .run(context -> assertThat(context.getBean(ClusterManager.class).self().name()).isEqualTo("order-service"));
    }

    @Test
    void nodeNamePropertyWins() {
        staticCluster.withPropertyValues("spring.application.name=orders", "gen-cluster.node-name=billing")
            .run(context -> assertThat(context.getBean(ClusterManager.class).self().name()).isEqualTo("billing"));
    }

    @Test
    void aDiscoveryStrategyBeanTurnsTheClusterOnAndIsUsed() {
        contextRunner.withUserConfiguration(OwnStrategy.class).run(context -> {
            assertThat(context).hasSingleBean(ClusterManager.class);
            assertThat(context.getBean(ClusterManager.class).strategies()).containsExactly("own strategy");
        });
    }

    @Test
    void discoveryStrategyBeansAreAddedToTheConfiguredOnes() {
        staticCluster.withUserConfiguration(OwnStrategy.class)
            .run(context -> assertThat(context.getBean(ClusterManager.class).strategies()).hasSize(2)
                .contains("own strategy"));
    }

    @Test
    void aClusterTransportBeanReplacesTheTcpTransport() {
        staticCluster.withUserConfiguration(OwnTransport.class).run(context -> {
            assertThat(context).getBean(ClusterTransport.class).isInstanceOf(InProcessTransport.class);
            assertThat(context.getBean(ClusterManager.class).self().name()).isEqualTo("in-process");
        });
    }

    @Test
    void aClusterManagerBeanReplacesTheDefaultOne() {
        staticCluster.withUserConfiguration(OwnManager.class)
            .run(context -> assertThat(context.getBean(ClusterManager.class).strategies()).isEmpty());
    }

    @Test
    void infinityRefreshesOnce() {
        staticCluster.withPropertyValues("gen-cluster.refresh-interval=infinity")
            .run(context -> assertThat(context.getBean(ClusterManager.class).settings().refreshInterval()).isEmpty());
    }

    @Test
    void mapsRefreshPruneAndConnectAll() {
        staticCluster
            .withPropertyValues("gen-cluster.refresh-interval=750ms", "gen-cluster.prune-undiscovered=true",
                    "gen-cluster.prune-undiscovered-after=45s", "gen-cluster.transport.connect-all=false",
                    "gen-cluster.flapping.leaves=7", "gen-cluster.flapping.window=2m",
                    "gen-cluster.isolation.lost-fraction=0.6", "gen-cluster.isolation.window=10s")
            .run(context -> {
                ClusterManagerSettings settings = context.getBean(ClusterManager.class).settings();
                assertThat(settings.refreshInterval()).contains(Duration.ofMillis(750));
                assertThat(settings.pruneUndiscovered()).isTrue();
                assertThat(settings.pruneUndiscoveredAfter()).isEqualTo(Duration.ofSeconds(45));
                assertThat(settings.flapping()).isEqualTo(new FlapPolicy(7, Duration.ofMinutes(2)));
                assertThat(settings.isolation()).isEqualTo(new IsolationPolicy(0.6, Duration.ofSeconds(10)));
                assertThat(settings.connectAll()).isFalse();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStrategy {

        @Bean
        DiscoveryStrategy ownStrategy() {
            return new DiscoveryStrategy() {
                @Override
                public Set<NodeAddress> discover() {
                    return Set.of();
                }

                @Override
                public String describe() {
                    return "own strategy";
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransport {

        @Bean
        ClusterTransport inProcessTransport() {
            return new InProcessTransport();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnManager {

        @Bean
        ClusterManager ownClusterManager() {
            return new ClusterManager(new InProcessTransport(), List.of(), ClusterManagerSettings.defaults(), event -> {
            });
        }

    }

}
