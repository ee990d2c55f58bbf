package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterMessagingMetrics;
import io.gencluster.actuate.ClusterMetrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.autoconfigure.GenClusterMessagingAutoConfiguration;
import io.gencluster.messaging.ClusterMessenger;

/**
 * The cluster's Micrometer meters, when a {@link MeterRegistry} and a
 * {@link ClusterManager} exist. Spring Boot's metrics support binds every
 * {@code MeterBinder} bean to its registries.
 */
@AutoConfiguration(after = { GenClusterAutoConfiguration.class, GenClusterMessagingAutoConfiguration.class },
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ ClusterManager.class, MeterRegistry.class })
public final class GenClusterMetricsAutoConfiguration {

    /**
     * The binder; it also counts the manager's joins and leaves as an application
     * listener.
     */
    @Bean
    @ConditionalOnMissingBean
    public ClusterMetrics clusterMetrics(ClusterManager manager) {
        return new ClusterMetrics(manager);
    }

    /** The messaging meters, when the cluster carries messages. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ClusterMessenger.class)
    static class MessagingMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClusterMessagingMetrics clusterMessagingMetrics(ClusterMessenger messenger) {
            return new ClusterMessagingMetrics(messenger);
        }

    }

}
