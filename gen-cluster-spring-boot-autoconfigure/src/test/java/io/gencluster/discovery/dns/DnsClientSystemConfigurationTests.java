package io.gencluster.discovery.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Type;

import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without name servers, {@link DnsClient} takes servers, search domains and ndots from
 * the system configuration as dnsjava's {@code Lookup} does. The {@code dns.*} system
 * properties stand in for {@code /etc/resolv.conf} here (dnsjava reads them first).
 */
class DnsClientSystemConfigurationTests {

    private TestDnsServer server;

    @BeforeEach
    void pointTheSystemConfigurationAtTheTestServer() throws Exception {
        this.server = TestDnsServer.start();
        System.setProperty("dns.server", this.server.nameserver());
        System.setProperty("dns.search", "default.svc.cluster.test,svc.cluster.test");
        System.setProperty("dns.ndots", "2");
        ResolverConfig.refresh();
    }

    @AfterEach
    void restoreTheSystemConfiguration() throws Exception {
        System.clearProperty("dns.server");
        System.clearProperty("dns.search");
        System.clearProperty("dns.ndots");
        ResolverConfig.refresh();
        this.server.close();
    }

    @Test
    void completesAShortDomainWithTheSearchDomains() throws Exception {
        this.server.add("orders.svc.cluster.test", Type.A, "10.0.0.1");
        DnsClient client = new DnsClient(DnsLookupSettings.systemDefaults());

        assertThat(new DnsAddressDiscovery("orders", "orders", HostType.IP, false, client).discover())
            .extracting(NodeAddress::host)
            .containsExactly("10.0.0.1");
        assertThat(this.server.queries()).extracting(query -> query.name().toString())
            .containsExactly("orders.default.svc.cluster.test.", "orders.svc.cluster.test.");
        assertThat(client.servers()).isEqualTo("the system's name servers (" + this.server.nameserver() + ")");
    }

    @Test
    void asksForANameWithMoreDotsThanNdotsAsItIsFirst() throws Exception {
        this.server.add("orders.prod.example", Type.A, "10.0.0.2");
        DnsClient client = new DnsClient(DnsLookupSettings.systemDefaults());

        assertThat(new DnsAddressDiscovery("orders", "orders.prod.example", HostType.IP, false, client).discover())
            .extracting(NodeAddress::host)
            .containsExactly("10.0.0.2");
        assertThat(this.server.queries()).extracting(query -> query.name().toString())
            .containsExactly("orders.prod.example.");
    }

    @Test
    void asksOnlyForTheNameItselfWhenItEndsInADot() throws Exception {
        DnsClient client = new DnsClient(DnsLookupSettings.systemDefaults());

        assertThat(new DnsAddressDiscovery("orders", "orders.", HostType.IP, false, client).discover()).isEmpty();
        assertThat(this.server.queries()).extracting(query -> query.name().toString()).containsExactly("orders.");
    }

}
