package io.gencluster.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;
import io.gencluster.discovery.dns.DnsAddressDiscovery;
import io.gencluster.discovery.dns.DnsClient;
import io.gencluster.discovery.dns.DnsSrvDiscovery;
import io.gencluster.discovery.epmd.EpmdDiscovery;

/**
 * Builds the strategies that {@code gen-cluster.discovery.strategy} names. Strategies
 * declared as beans are added to these by the auto-configuration.
 */
final class ConfiguredDiscovery {

    private ConfiguredDiscovery() {
    }

    static List<DiscoveryStrategy> create(GenClusterProperties properties, String nodeName,
            Supplier<DnsClient> dnsClient) {
        GenClusterProperties.Discovery discovery = properties.getDiscovery();
        List<DiscoveryStrategy> strategies = new ArrayList<>();
        for (DiscoveryKind kind : discovery.getStrategy().stream().distinct().toList()) {
            switch (kind) {
                case STATIC -> strategies.add(new StaticDiscovery(discovery.getStatic().addresses()));
                case EPMD -> strategies.add(epmd(discovery.getEpmd()));
                case DNS -> strategies.add(dns(discovery.getDns(), nodeName, dnsClient.get()));
                // A bean of SpringCloudDiscoveryConfiguration, added with the other
                // strategy beans.
                case SPRING_CLOUD -> {
                }
            }
        }
        return strategies;
    }

    private static DiscoveryStrategy dns(GenClusterProperties.Dns dns, String nodeName, DnsClient client) {
        return switch (dns.getRecordType()) {
            case A -> new DnsAddressDiscovery(nodeName, dns.getDomain(), dns.effectiveHostType(), dns.isIpv6(), client);
            case SRV -> new DnsSrvDiscovery(nodeName, dns.getDomain(), dns.effectiveHostType(), dns.isIpv6(), client);
        };
    }

    private static EpmdDiscovery epmd(GenClusterProperties.Epmd epmd) {
        return new EpmdDiscovery(epmd.getHosts(), epmd.getPort(), epmd.isEmbedded(), epmd.getLookupTimeout(),
                epmd.getMaxRegistrations());
    }

}
