package io.gencluster.discovery.cloud;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

/**
 * Peers from a Spring Cloud {@link DiscoveryClient}: every instance of one service,
 * dialled on its host at the transport port its metadata names under
 * {@value #TRANSPORT_PORT_KEY}, else at the default transport port. Options:
 * {@code serviceId}, the service whose instances are the peers.
 * <p>
 * The client is looked up at each refresh, not when the strategy is made, so a client
 * that itself depends on the cluster (gen-cluster's own) never makes a cycle; the caller
 * leaves that one out.
 */
public final class SpringCloudDiscovery implements DiscoveryStrategy {

    /** The instance metadata key that names a node's transport port. */
    public static final String TRANSPORT_PORT_KEY = "gen-cluster-port";

    private final Supplier<DiscoveryClient> client;

    private final String serviceId;

    /**
     * Creates the strategy.
     * @param client the discovery client to ask, looked up at each refresh
     * @param serviceId the service whose instances are the peers
     */
    public SpringCloudDiscovery(Supplier<DiscoveryClient> client, String serviceId) {
        this.client = client;
        this.serviceId = serviceId;
    }

    @Override
    public Set<NodeAddress> discover() {
        Set<NodeAddress> peers = new LinkedHashSet<>();
        for (ServiceInstance instance : client.get().getInstances(serviceId)) {
            String port = instance.getMetadata().get(TRANSPORT_PORT_KEY);
            try {
                peers.add(port == null ? NodeAddress.of(instance.getHost())
                        : NodeAddress.of(instance.getHost(), Integer.parseInt(port.strip())));
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Instance " + instance.getInstanceId() + " of " + serviceId
                        + " has an invalid " + TRANSPORT_PORT_KEY + " '" + port + "': " + ex.getMessage(), ex);
            }
        }
        return peers;
    }

    @Override
    public String describe() {
        return "spring-cloud " + serviceId;
    }

}
