package io.gencluster.autoconfigure.cloud;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import io.gencluster.NodeMetadata;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.cloud.ClusterDiscoveryClient;
import io.gencluster.cloud.ClusterServiceInstances;
import io.gencluster.discovery.cloud.SpringCloudDiscovery;
import io.gencluster.membership.ClusterManager;
import io.gencluster.testsupport.TestCookies;

import static org.assertj.core.api.Assertions.assertThat;

class GenClusterDiscoveryClientAutoConfigurationTests {

    private final ApplicationContextRunner clusterRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                GenClusterDiscoveryClientAutoConfiguration.class))
        .withPropertyValues("gen-cluster.transport.port=0", "gen-cluster.transport.bind-address=127.0.0.1",
                "gen-cluster.transport.cookie=" + TestCookies.SHARED, "gen-cluster.discovery.strategy=static",
                "gen-cluster.discovery.static.nodes=127.0.0.1:1");

    private final ApplicationContextRunner contextRunner = clusterRunner
        .withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
                SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class));

    @Test
    void registersTheMembersAsADiscoveryClient() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(ClusterDiscoveryClient.class);
            assertThat(context.getBeansOfType(DiscoveryClient.class)).hasSize(3);
        });
    }

    @Test
    void changesNothingWithoutSpringCloud() {
        clusterRunner.withClassLoader(new FilteredClassLoader(DiscoveryClient.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ClusterManager.class);
            assertThat(context).doesNotHaveBean(ClusterServiceInstances.class);
            assertThat(context).doesNotHaveBean(SpringCloudDiscovery.class);
        });
    }

    @Test
    void staysOffWhileTheClusterIsNotConfigured() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                    GenClusterDiscoveryClientAutoConfiguration.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterServiceInstances.class));
    }

    @Test
    void staysOffWhenSpringCloudDiscoveryIsOff() {
        contextRunner.withPropertyValues("spring.cloud.discovery.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ClusterDiscoveryClient.class));
    }

    @Test
    void theSpringCloudStrategyIsAStrategyBeanAddedToTheConfiguredOnes() {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=static,spring-cloud", "spring.application.name=orders")
            .run(context -> {
                assertThat(context).hasSingleBean(SpringCloudDiscovery.class);
                assertThat(context.getBean(ClusterManager.class).strategies()).containsExactly("static [127.0.0.1:1]",
                        "spring-cloud orders");
            });
    }

    @Test
    void theServiceIdOfTheSpringCloudStrategyIsAProperty() {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=spring-cloud",
                    "gen-cluster.discovery.spring-cloud.service-id=billing")
            .run(context -> assertThat(context.getBean(ClusterManager.class).strategies())
                .containsExactly("spring-cloud billing"));
    }

    @Test
    void theMetadataStartsWithTheVersionAndTheConfiguredEntries() {
        contextRunner.withPropertyValues("gen-cluster.metadata.zone=eu-1")
            .withBean(BuildProperties.class, () -> new BuildProperties(props("version", "1.2.3")))
            .run(context -> {
                ClusterManager manager = context.getBean(ClusterManager.class);
                assertThat(manager.self().metadata()).containsExactly(Map.entry(NodeMetadata.VERSION, "1.2.3"),
                        Map.entry("zone", "eu-1"));
            });
    }

    @Test
    void refusesToStartWithMetadataPastTheBounds() {
        String[] entries = new String[NodeMetadata.MAX_ENTRIES + 1];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = "gen-cluster.metadata.key-" + i + "=value";
        }
        contextRunner.withPropertyValues(entries)
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("gen-cluster.metadata Node metadata has 65 entries; at most 64 are allowed"));
    }

    private static Properties props(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

}
