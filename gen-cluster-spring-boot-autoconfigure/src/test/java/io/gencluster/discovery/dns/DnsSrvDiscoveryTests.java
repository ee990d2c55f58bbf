package io.gencluster.discovery.dns;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.dns.TestDnsServer.Fault;
import io.gencluster.discovery.dns.TestDnsServer.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DnsSrvDiscovery} against a {@link TestDnsServer} in this JVM.
 */
class DnsSrvDiscoveryTests {

    private static final String SERVICE = "_cluster._tcp.orders.prod.svc.cluster.local";

    private TestDnsServer server;

    @BeforeEach
    void startServer() throws Exception {
        this.server = TestDnsServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        this.server.close();
    }

    private DnsSrvDiscovery discovery(String domain, HostType hostType, boolean ipv6, Duration timeout) {
        DnsClient client = new DnsClient(new DnsLookupSettings(List.of(this.server.nameserver()), timeout));
        return new DnsSrvDiscovery("orders", domain, hostType, ipv6, client);
    }

    private DnsSrvDiscovery discovery(HostType hostType) {
        return discovery(SERVICE, hostType, false, Duration.ofSeconds(5));
    }

    @Test
    void findsEachTargetAndPortWithThisNodesName() throws Exception {
        this.server.add(SERVICE, Type.SRV, "0 50 4370 node-1.orders.prod.svc.cluster.local.")
            .add(SERVICE, Type.SRV, "0 50 4371 Node-2.Orders.PROD.svc.cluster.local.");

        assertThat(discovery(HostType.HOSTNAME).discover()).containsExactlyInAnyOrder(
                new NodeAddress("orders", "node-1.orders.prod.svc.cluster.local", 4370),
                new NodeAddress("orders", "node-2.orders.prod.svc.cluster.local", 4371));
    }

    @Test
    void seesNodesAddedAndRemovedBetweenCalls() throws Exception {
        DnsSrvDiscovery discovery = discovery(HostType.HOSTNAME);
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.");
        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactly("node-1.example.org");

        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-2.example.org.");
        assertThat(discovery.discover()).extracting(NodeAddress::host)
            .containsExactlyInAnyOrder("node-1.example.org", "node-2.example.org");

        this.server.remove(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.");
        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactly("node-2.example.org");
    }

    @Test
    void resolvesTargetsToAddressesWithHostTypeIp() throws Exception {
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.")
            .add(SERVICE, Type.SRV, "0 0 4371 node-2.example.org.")
            .add("node-1.example.org", Type.A, "10.0.0.1")
            .add("node-2.example.org", Type.CNAME, "pod-2.example.org.")
            .add("pod-2.example.org", Type.A, "10.0.0.2")
            .add("pod-2.example.org", Type.A, "10.0.0.3");

        assertThat(discovery(HostType.IP).discover()).containsExactlyInAnyOrder(
                new NodeAddress("orders", "10.0.0.1", 4370), new NodeAddress("orders", "10.0.0.2", 4371),
                new NodeAddress("orders", "10.0.0.3", 4371));
    }

    @Test
    void resolvesTargetsToIpv6AddressesWithIpv6() throws Exception {
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.")
            .add("node-1.example.org", Type.A, "10.0.0.1")
            .add("node-1.example.org", Type.AAAA, "fd00::1");

        assertThat(discovery(SERVICE, HostType.IP, true, Duration.ofSeconds(5)).discover())
            .containsExactly(new NodeAddress("orders", "fd00::1", 4370));
    }

    @Test
    void leavesOutTargetsWithoutAddressesAndTheRootTarget() throws Exception {
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.")
            .add(SERVICE, Type.SRV, "0 0 4370 gone.example.org.")
            .add(SERVICE, Type.SRV, "0 0 0 .")
            .add("node-1.example.org", Type.A, "10.0.0.1");

        assertThat(discovery(HostType.IP).discover()).containsExactly(new NodeAddress("orders", "10.0.0.1", 4370));
        assertThat(discovery(HostType.HOSTNAME).discover()).extracting(NodeAddress::host)
            .containsExactlyInAnyOrder("node-1.example.org", "gone.example.org");
    }

    @Test
    void readsHundredRecordsOverTcpWhenTheUdpAnswerIsTruncated() throws Exception {
        IntStream.rangeClosed(1, 100)
            .forEach(i -> this.server.add(SERVICE, Type.SRV,
                    "0 0 " + (5000 + i) + " node-" + i + ".orders.prod.svc.cluster.local."));

        assertThat(discovery(HostType.HOSTNAME).discover()).hasSize(100)
            .contains(new NodeAddress("orders", "node-100.orders.prod.svc.cluster.local", 5100));
        assertThat(this.server.queries()).extracting(Query::tcp).containsExactly(false, true);
    }

    @Test
    void acceptsMixedCaseAndTrailingDot() throws Exception {
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.");

        assertThat(discovery("_cluster._tcp.Orders.PROD.svc.cluster.local.", HostType.HOSTNAME, false,
                Duration.ofSeconds(5))
            .discover()).extracting(NodeAddress::host).containsExactly("node-1.example.org");
    }

    @Test
    void findsNobodyWhenTheNameDoesNotExist() throws Exception {
        assertThat(discovery(HostType.HOSTNAME).discover()).isEmpty();
    }

    @Test
    void failsNamingDomainTypeServerAndServfail() {
        this.server.fail(SERVICE, Fault.SERVFAIL);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery(HostType.HOSTNAME).discover())
            .withMessage("SRV lookup of " + SERVICE + " at " + this.server.nameserver() + " failed: SERVFAIL");
    }

    @Test
    void failsWhenATargetLookupFails() {
        this.server.add(SERVICE, Type.SRV, "0 0 4370 node-1.example.org.");
        this.server.fail("node-1.example.org", Fault.REFUSED);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery(HostType.IP).discover())
            .withMessageStartingWith("A lookup of node-1.example.org at " + this.server.nameserver() + " failed:")
            .withMessageContaining("REFUSED");
    }

    @Test
    void failsWithinTheLookupTimeoutWhenNothingAnswers() {
        this.server.fail(SERVICE, Fault.NO_ANSWER);
        DnsSrvDiscovery discovery = discovery(SERVICE, HostType.HOSTNAME, false, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(discovery::discover)
            .withMessageContaining(SERVICE)
            .withMessageContaining(this.server.nameserver())
            .withMessageContaining("no answer within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void failsOnAnAnswerThatIsNoDnsMessage() {
        this.server.fail(SERVICE, Fault.GARBAGE);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery(HostType.HOSTNAME).discover())
            .withMessageStartingWith(
                    "SRV lookup of " + SERVICE + " at " + this.server.nameserver() + " failed: malformed answer");
    }

    @Test
    void describesItselfByTypeAndDomain() {
        assertThat(discovery(HostType.HOSTNAME).describe()).isEqualTo("dns srv " + SERVICE);
        assertThat(discovery(HostType.IP).describe()).isEqualTo("dns srv " + SERVICE + " (ip)");
    }

}
