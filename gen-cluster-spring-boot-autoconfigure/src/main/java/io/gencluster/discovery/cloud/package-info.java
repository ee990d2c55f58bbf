/**
 * The {@code spring-cloud} discovery strategy: the instances of a service in whatever
 * Spring Cloud {@code DiscoveryClient} the application has (Consul, Eureka, Kubernetes,
 * simple properties). Depends on the discovery SPI, the value package and Spring Cloud
 * Commons, an optional dependency.
 */
@NullMarked
package io.gencluster.discovery.cloud;

import org.jspecify.annotations.NullMarked;
