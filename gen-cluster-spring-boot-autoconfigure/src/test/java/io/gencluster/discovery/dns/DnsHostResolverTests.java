package io.gencluster.discovery.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import io.gencluster.discovery.dns.TestDnsServer.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DnsHostResolver} against a {@link TestDnsServer} in this JVM.
 */
class DnsHostResolverTests {

    private TestDnsServer server;

    private DnsClient client;

    @BeforeEach
    void startServer() throws Exception {
        this.server = TestDnsServer.start();
        this.client = new DnsClient(new DnsLookupSettings(List.of(this.server.nameserver()), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stopServer() throws Exception {
        this.server.close();
    }

    @Test
    void resolvesANameOnlyTheConfiguredServerKnows() throws Exception {
        this.server.add("node-1.cluster.invalid", Type.A, "10.0.0.1")
            .add("node-1.cluster.invalid", Type.AAAA, "fd00::1");

        assertThat(new DnsHostResolver(this.client, false).resolve("Node-1.Cluster.invalid."))
            .containsExactly(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("fd00::1"));
        assertThat(new DnsHostResolver(this.client, true).resolve("node-1.cluster.invalid"))
            .containsExactly(InetAddress.getByName("fd00::1"), InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void followsCnamesToTheAddress() throws Exception {
        this.server.add("node-1.cluster.invalid", Type.CNAME, "pod-1.cluster.invalid.")
            .add("pod-1.cluster.invalid", Type.A, "10.0.0.1");

        assertThat(new DnsHostResolver(this.client, false).resolve("node-1.cluster.invalid"))
            .containsExactly(InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void returnsIpLiteralsWithoutAQuery() throws Exception {
        DnsHostResolver resolver = new DnsHostResolver(this.client, false);

        assertThat(resolver.resolve("10.0.0.9")).containsExactly(InetAddress.getByName("10.0.0.9"));
        assertThat(resolver.resolve("fd00::9")).containsExactly(InetAddress.getByName("fd00::9"));
        assertThat(resolver.resolve("[::1]")).containsExactly(InetAddress.getByName("::1"));
        assertThat(this.server.queries()).isEmpty();
    }

    @Test
    void failsForAnUnknownNameNamingTheServer() {
        assertThatExceptionOfType(UnknownHostException.class)
            .isThrownBy(() -> new DnsHostResolver(this.client, false).resolve("nobody.cluster.invalid"))
            .withMessage("nobody.cluster.invalid: no A or AAAA record at " + this.server.nameserver());
    }

    @Test
    void usesTheAddressesOfOneFamilyWhenTheServerRefusesTheOther() throws Exception {
        this.server.add("node-1.cluster.invalid", Type.A, "10.0.0.1");
        this.server.fail("node-1.cluster.invalid", Type.AAAA, Fault.REFUSED);

        assertThat(new DnsHostResolver(this.client, false).resolve("node-1.cluster.invalid"))
            .containsExactly(InetAddress.getByName("10.0.0.1"));
        assertThat(new DnsHostResolver(this.client, true).resolve("node-1.cluster.invalid"))
            .containsExactly(InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void failsWithTheReasonWhenTheServerFails() {
        this.server.fail("node-1.cluster.invalid", Fault.SERVFAIL);

        assertThatExceptionOfType(UnknownHostException.class)
            .isThrownBy(() -> new DnsHostResolver(this.client, false).resolve("node-1.cluster.invalid"))
            .withMessageContaining(
                    "lookup of node-1.cluster.invalid at " + this.server.nameserver() + " failed: SERVFAIL")
            .withCauseInstanceOf(DnsLookupException.class);
    }

}
