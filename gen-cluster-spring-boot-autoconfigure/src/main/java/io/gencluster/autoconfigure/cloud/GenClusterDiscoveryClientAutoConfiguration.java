package io.gencluster.autoconfigure.cloud;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.gencluster.ClusterMembership;
import io.gencluster.autoconfigure.ConditionalOnClusterConfigured;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.cloud.ClusterDiscoveryClient;
import io.gencluster.cloud.ClusterReactiveDiscoveryClient;
import io.gencluster.cloud.ClusterServiceInstances;

/**
 * The members as Spring Cloud services, when Spring Cloud Commons is on the class path
 * and the cluster is configured: a {@link ClusterDiscoveryClient} (and a
 * {@link ClusterReactiveDiscoveryClient} with Reactor), which Spring Cloud's composite
 * clients and LoadBalancer then use. Spring Cloud's
 * {@code spring.cloud.discovery.enabled}, {@code .blocking.enabled} and
 * {@code .reactive.enabled} switch them off.
 */
@AutoConfiguration(after = GenClusterAutoConfiguration.class)
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnClusterConfigured
@ConditionalOnDiscoveryEnabled
public final class GenClusterDiscoveryClientAutoConfiguration {

    /** The nodes as service instances, read from the membership at each call. */
    @Bean
    @ConditionalOnMissingBean
    public ClusterServiceInstances clusterServiceInstances(ClusterMembership clusterMembership) {
        return new ClusterServiceInstances(clusterMembership);
    }

    /** The blocking discovery client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBlockingDiscoveryEnabled
    static class Blocking {

        @Bean
        @ConditionalOnMissingBean
        ClusterDiscoveryClient clusterDiscoveryClient(ClusterServiceInstances clusterServiceInstances) {
            return new ClusterDiscoveryClient(clusterServiceInstances);
        }

    }

    /** The reactive discovery client, with Reactor on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flux.class)
    @ConditionalOnReactiveDiscoveryEnabled
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean
        ClusterReactiveDiscoveryClient clusterReactiveDiscoveryClient(ClusterServiceInstances clusterServiceInstances) {
            return new ClusterReactiveDiscoveryClient(clusterServiceInstances);
        }

    }

}
