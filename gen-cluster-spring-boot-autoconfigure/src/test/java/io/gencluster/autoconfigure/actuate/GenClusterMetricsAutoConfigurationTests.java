package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterMetrics;
import io.gencluster.actuate.ScriptedTransport;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.transport.ClusterTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GenClusterMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(GenClusterAutoConfiguration.class, GenClusterMetricsAutoConfiguration.class))
        .withBean(ClusterTransport.class, ScriptedTransport::new)
        .withPropertyValues("gen-cluster.discovery.strategy=static",
                "gen-cluster.discovery.static.nodes=127.0.0.1:4399");

    @Test
    void bindsTheClusterMetersToSpringBootsRegistry() {
        contextRunner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterMetrics.class);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("gen.cluster.members").gauge().value()).isZero();
                await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(registry.get("gen.cluster.discovered").gauge().value()).isEqualTo(1.0));
                assertThat(registry.find("gen.cluster.connect").counters()).isNotEmpty();
            });
    }

    @Test
    void providesTheBinderForAnApplicationsOwnRegistry() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> assertThat(context).hasSingleBean(ClusterMetrics.class));
    }

    @Test
    void providesNothingWithoutARegistry() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(ClusterManager.class);
            assertThat(context).doesNotHaveBean(ClusterMetrics.class);
        });
    }

    @Test
    void providesNothingWithoutMicrometer() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasSingleBean(ClusterManager.class);
            assertThat(context).doesNotHaveBean(ClusterMetrics.class);
        });
    }

    @Test
    void providesNothingWhenTheClusterIsNotConfigured() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(GenClusterAutoConfiguration.class, GenClusterMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ClusterMetrics.class);
            });
    }

}
