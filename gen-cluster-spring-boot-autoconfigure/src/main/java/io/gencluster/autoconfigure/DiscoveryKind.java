package io.gencluster.autoconfigure;

/**
 * The built-in discovery strategies that {@code gen-cluster.discovery.strategy} can name.
 */
public enum DiscoveryKind {

    /** A fixed list of nodes ({@code gen-cluster.discovery.static.nodes}). */
    STATIC,
    /** DNS A, AAAA or SRV records ({@code gen-cluster.discovery.dns.*}). */
    DNS,
    /**
     * Every gen-cluster node registered on the port mappers of some hosts
     * ({@code gen-cluster.discovery.epmd.*}).
     */
    EPMD,
    /**
     * The instances of a service in the application's Spring Cloud
     * {@code DiscoveryClient} ({@code gen-cluster.discovery.spring-cloud.*}).
     */
    SPRING_CLOUD

}
