package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.autoconfigure.GenClusterProperties;

/**
 * The {@code cluster} health contributor, when Spring Boot's health support is on the
 * class path and a {@link ClusterManager} exists;
 * {@code management.health.cluster.enabled=false} turns it off.
 */
@AutoConfiguration(after = GenClusterAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ClusterManager.class)
@ConditionalOnEnabledHealthIndicator("cluster")
@EnableConfigurationProperties(GenClusterProperties.class)
public final class GenClusterHealthContributorAutoConfiguration {

    /** The indicator; its bean name makes it the {@code cluster} contributor. */
    @Bean
    @ConditionalOnMissingBean(name = "clusterHealthIndicator")
    public ClusterHealthIndicator clusterHealthIndicator(ClusterManager manager, GenClusterProperties properties) {
        return new ClusterHealthIndicator(manager, properties.getHealth().getMinMembers(),
                properties.getHealth().isOutOfServiceWhenIsolated());
    }

}
