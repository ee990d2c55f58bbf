package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterEndpoint;
import io.gencluster.actuate.ClusterEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.autoconfigure.GenClusterMessagingAutoConfiguration;
import io.gencluster.messaging.ClusterMessenger;

/**
 * The {@code cluster} actuator endpoint, when the actuator is on the class path, a
 * {@link ClusterManager} exists and the endpoint is exposed the usual way
 * ({@code management.endpoints.web.exposure.include=cluster} or over JMX).
 */
@AutoConfiguration(after = { GenClusterAutoConfiguration.class, GenClusterMessagingAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ClusterManager.class)
public final class GenClusterEndpointAutoConfiguration {

    /** The endpoint, reading from the cluster manager. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public ClusterEndpoint clusterEndpoint(ClusterManager manager, ObjectProvider<ClusterMessenger> messenger) {
        ClusterMessenger messaging = messenger.getIfAvailable();
        return new ClusterEndpoint(manager, messaging == null ? null : messaging.counts());
    }

    /** Its HTTP answers that need a status code (404 on deleting an unknown member). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ClusterEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = ClusterEndpoint.class, exposure = EndpointExposure.WEB)
    public ClusterEndpointWebExtension clusterEndpointWebExtension(ClusterEndpoint endpoint) {
        return new ClusterEndpointWebExtension(endpoint);
    }

}
