package io.gencluster.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.gencluster.ClusterMembership;

/**
 * A {@link ClusterMembership} bean for applications where gen-cluster is not configured,
 * so code that reads the members runs the same with the cluster off: it sees no node and
 * no members. When gen-cluster is configured, {@link GenClusterAutoConfiguration}
 * provides the live view first and this one steps back. Opens no port and creates no
 * cluster manager.
 */
@AutoConfiguration(after = GenClusterAutoConfiguration.class)
public final class ClusterMembershipAutoConfiguration {

    /** The view of a cluster that is off. */
    @Bean
    @ConditionalOnMissingBean
    public ClusterMembership clusterMembership() {
        return ClusterMembership.none();
    }

}
