package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.gencluster.ClusterMembership;
import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.membership.DialLimits;
import io.gencluster.membership.FlapPolicy;
import io.gencluster.membership.IpNetwork;
import io.gencluster.membership.IsolationPolicy;
import io.gencluster.membership.ReconnectBackoff;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.dns.DnsClient;
import io.gencluster.transport.ClusterTransport;

/**
 * Wires a {@link ClusterManager} from {@code gen-cluster.*} properties: the configured
 * discovery strategies plus every {@link DiscoveryStrategy} bean, over the TCP transport
 * unless a {@link ClusterTransport} bean replaces it. Inert (no bean, no port) until
 * configured.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClusterConfigured
@EnableConfigurationProperties(GenClusterProperties.class)
@Import({ DnsDiscoveryConfiguration.class, SpringCloudDiscoveryConfiguration.class, TcpTransportConfiguration.class })
public final class GenClusterAutoConfiguration {

    /**
     * The cluster manager, started after the web server and stopped before its graceful
     * shutdown.
     */
    @Bean
    @ConditionalOnMissingBean
    public ClusterManager clusterManager(ClusterTransport transport, GenClusterProperties properties,
            Environment environment, ObjectProvider<DiscoveryStrategy> strategyBeans,
            ObjectProvider<DnsClient> dnsClient, ApplicationEventPublisher publisher) {
        List<DiscoveryStrategy> strategies = new ArrayList<>(ConfiguredDiscovery.create(properties,
                NodeNames.resolve(properties, environment), dnsClient::getObject));
        strategyBeans.orderedStream().forEach(strategies::add);
        ClusterManager manager = new ClusterManager(transport, strategies, managerSettings(properties), publisher);
        if (properties.getDiscovery().getStrategy().contains(DiscoveryKind.STATIC)) {
            manager.addActivityListener(
                    new LoneStaticNodeWarning(manager, properties.getDiscovery().getStatic().getNodes()));
        }
        return manager;
    }

    /**
     * The members as application code reads them: the cluster manager's live view. When
     * gen-cluster is not configured, {@link ClusterMembershipAutoConfiguration} provides
     * an empty one instead.
     */
    @Bean
    @ConditionalOnMissingBean
    public ClusterMembership clusterMembership(ClusterManager clusterManager) {
        return clusterManager.membership();
    }

    /**
     * Holds the application back from ready until this node joined the peers it
     * discovered first, for at most {@code gen-cluster.join-before-ready}.
     */
    @Bean
    JoinBeforeReady genClusterJoinBeforeReady(ClusterManager clusterManager, GenClusterProperties properties) {
        return new JoinBeforeReady(clusterManager, properties.getJoinBeforeReady());
    }

    /**
     * This node's metadata at start: the build's version, the web and management servers'
     * ports, and {@code gen-cluster.metadata.*} on top.
     */
    @Bean
    NodeMetadataSources genClusterNodeMetadata(ClusterManager clusterManager, GenClusterProperties properties,
            ObjectProvider<BuildProperties> buildProperties) {
        BuildProperties build = buildProperties.getIfAvailable();
        return new NodeMetadataSources(clusterManager, properties.getMetadata(),
                build == null ? null : build.getVersion());
    }

    static ClusterManagerSettings managerSettings(GenClusterProperties properties) {
        Optional<Duration> interval = properties.getRefreshInterval().duration();
        ReconnectBackoff backoff = interval.map(ClusterManagerSettings::every)
            .orElseGet(ClusterManagerSettings::defaults)
            .backoff();
        return new ClusterManagerSettings(interval, properties.isPruneUndiscovered(),
                properties.getTransport().isConnectAll(), backoff, dialLimits(properties.getLimits()),
                properties.getPruneUndiscoveredAfter(),
                new FlapPolicy(properties.getFlapping().getLeaves(), properties.getFlapping().getWindow()),
                new IsolationPolicy(properties.getIsolation().getLostFraction(),
                        properties.getIsolation().getWindow()));
    }

    private static DialLimits dialLimits(GenClusterProperties.Limits limits) {
        return new DialLimits(limits.getMaxAnnouncedAddresses(), limits.getMaxPendingPeers(),
                limits.getMaxConcurrentDials(), limits.getAnnouncedNetworks().stream().map(IpNetwork::parse).toList());
    }

    /** The web servers' ports in the metadata, when the application has a web server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebServerInitializedEvent.class)
    static class WebServerMetadataConfiguration {

        @Bean
        WebServerMetadataListener genClusterWebServerMetadata(NodeMetadataSources genClusterNodeMetadata,
                ObjectProvider<ServerProperties> serverProperties) {
            return new WebServerMetadataListener(genClusterNodeMetadata, serverProperties);
        }

    }

}
