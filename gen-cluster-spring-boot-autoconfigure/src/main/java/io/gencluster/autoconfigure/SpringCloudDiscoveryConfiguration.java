package io.gencluster.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.gencluster.cloud.ClusterDiscoveryClient;
import io.gencluster.discovery.cloud.SpringCloudDiscovery;

/**
 * The {@code spring-cloud} strategy, a strategy bean the cluster manager adds to the
 * configured ones. It asks every {@link DiscoveryClient} of the application but
 * gen-cluster's own (which answers from the cluster itself: asking it would only find the
 * members again) and the composite that holds them all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(DiscoveryClient.class)
@Conditional(OnSpringCloudDiscoveryCondition.class)
class SpringCloudDiscoveryConfiguration {

    /**
     * Peers from the instances of {@code gen-cluster.discovery.spring-cloud.service-id}.
     */
    @Bean
    SpringCloudDiscovery genClusterSpringCloudDiscovery(GenClusterProperties properties, Environment environment,
            ObjectProvider<DiscoveryClient> clients) {
        String serviceId = properties.getDiscovery().getSpringCloud().getServiceId();
        if (serviceId == null) {
            serviceId = environment.getProperty("spring.application.name", NodeNames.resolve(properties, environment));
        }
        return new SpringCloudDiscovery(() -> new CompositeDiscoveryClient(applicationClients(clients)), serviceId);
    }

    private static List<DiscoveryClient> applicationClients(ObjectProvider<DiscoveryClient> clients) {
        return clients.orderedStream()
            .filter(client -> !(client instanceof ClusterDiscoveryClient || client instanceof CompositeDiscoveryClient))
            .toList();
    }

}
