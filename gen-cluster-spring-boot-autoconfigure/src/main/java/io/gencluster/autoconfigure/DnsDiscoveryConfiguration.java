package io.gencluster.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.gencluster.discovery.dns.DnsClient;
import io.gencluster.discovery.dns.DnsHostResolver;
import io.gencluster.discovery.dns.DnsLookupSettings;
import io.gencluster.transport.HostResolver;

/**
 * With DNS discovery, one DNS client serves both the strategy and the transport's host
 * resolver, so names that only the configured name servers know (SRV targets, PTR names)
 * still connect.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnDnsDiscoveryCondition.class)
class DnsDiscoveryConfiguration {

    /**
     * The DNS client of {@code gen-cluster.discovery.dns.nameservers} and
     * {@code lookup-timeout}.
     */
    @Bean
    @ConditionalOnMissingBean
    DnsClient genClusterDnsClient(GenClusterProperties properties) {
        GenClusterProperties.Dns dns = properties.getDiscovery().getDns();
        return new DnsClient(new DnsLookupSettings(dns.getNameservers(), dns.getLookupTimeout()));
    }

    /** Peers' host names are resolved through the same DNS client that found them. */
    @Bean
    @ConditionalOnMissingBean
    HostResolver genClusterHostResolver(DnsClient dnsClient, GenClusterProperties properties) {
        return new DnsHostResolver(dnsClient, properties.getDiscovery().getDns().isIpv6())::resolve;
    }

}
