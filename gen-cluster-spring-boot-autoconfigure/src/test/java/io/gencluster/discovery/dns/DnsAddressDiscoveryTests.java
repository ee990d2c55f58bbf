package io.gencluster.discovery.dns;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.dns.TestDnsServer.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DnsAddressDiscovery} against a {@link TestDnsServer} in this JVM.
 */
class DnsAddressDiscoveryTests {

    private static final String DOMAIN = "orders.prod.svc.cluster.local";

    private TestDnsServer server;

    @BeforeEach
    void startServer() throws Exception {
        this.server = TestDnsServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        this.server.close();
    }

    private DnsAddressDiscovery discovery(String domain, HostType hostType, boolean ipv6, Duration timeout) {
        DnsClient client = new DnsClient(new DnsLookupSettings(List.of(this.server.nameserver()), timeout));
        return new DnsAddressDiscovery("orders", domain, hostType, ipv6, client);
    }

    private DnsAddressDiscovery discovery() {
        return discovery(DOMAIN, HostType.IP, false, Duration.ofSeconds(5));
    }

    @Test
    void findsEveryAddressAsPeerWithThisNodesNameAndNoPort() throws Exception {
        this.server.add(DOMAIN, Type.A, "10.0.0.1").add(DOMAIN, Type.A, "10.0.0.2");

        assertThat(discovery().discover()).containsExactlyInAnyOrder(
                new NodeAddress("orders", "10.0.0.1", NodeAddress.UNSPECIFIED_PORT),
                new NodeAddress("orders", "10.0.0.2", NodeAddress.UNSPECIFIED_PORT));
    }

    @Test
    void seesNodesAddedAndRemovedBetweenCalls() throws Exception {
        DnsAddressDiscovery discovery = discovery();
        this.server.add(DOMAIN, Type.A, "10.0.0.1");
        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactly("10.0.0.1");

        this.server.add(DOMAIN, Type.A, "10.0.0.2");
        assertThat(discovery.discover()).extracting(NodeAddress::host)
            .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");

        this.server.remove(DOMAIN, Type.A, "10.0.0.1");
        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactly("10.0.0.2");
    }

    @Test
    void asksForAaaaRecordsWithIpv6() throws Exception {
        this.server.add(DOMAIN, Type.A, "10.0.0.1").add(DOMAIN, Type.AAAA, "fd00::1");

        assertThat(discovery(DOMAIN, HostType.IP, true, Duration.ofSeconds(5)).discover())
            .containsExactly(new NodeAddress("orders", "fd00::1", NodeAddress.UNSPECIFIED_PORT));
    }

    @Test
    void followsCnameChainToTheAddresses() throws Exception {
        this.server.add(DOMAIN, Type.CNAME, "alias-1.example.org.")
            .add("alias-1.example.org", Type.CNAME, "alias-2.example.org.")
            .add("alias-2.example.org", Type.A, "10.0.0.7");

        assertThat(discovery().discover()).extracting(NodeAddress::host).containsExactly("10.0.0.7");
    }

    @Test
    void asksAgainForTheTargetWhenTheServerAnswersOnlyTheCname() throws Exception {
        this.server.chaseCnames(false);
        this.server.add(DOMAIN, Type.CNAME, "alias.example.org.").add("alias.example.org", Type.A, "10.0.0.8");

        assertThat(discovery().discover()).extracting(NodeAddress::host).containsExactly("10.0.0.8");
        assertThat(this.server.queries()).extracting(query -> query.name().toString()).contains("alias.example.org.");
    }

    @Test
    void acceptsMixedCaseAndTrailingDot() throws Exception {
        this.server.add(DOMAIN, Type.A, "10.0.0.1");

        assertThat(discovery("Orders.PROD.svc.Cluster.local.", HostType.IP, false, Duration.ofSeconds(5)).discover())
            .extracting(NodeAddress::host)
            .containsExactly("10.0.0.1");
    }

    @Test
    void usesPtrNamesWithHostTypeHostnameAndLeavesOutAddressesWithoutOne() throws Exception {
        this.server.add(DOMAIN, Type.A, "10.0.0.1").add(DOMAIN, Type.A, "10.0.0.2").add(DOMAIN, Type.A, "10.0.0.3");
        this.server.addPtr("10.0.0.1", "Node-1.Orders.example.org.").addPtr("10.0.0.2", "node-2.orders.example.org.");

        assertThat(discovery(DOMAIN, HostType.HOSTNAME, false, Duration.ofSeconds(5)).discover())
            .containsExactlyInAnyOrder(
                    new NodeAddress("orders", "node-1.orders.example.org", NodeAddress.UNSPECIFIED_PORT),
                    new NodeAddress("orders", "node-2.orders.example.org", NodeAddress.UNSPECIFIED_PORT));
    }

    @Test
    void usesPtrNamesOfIpv6Addresses() throws Exception {
        this.server.add(DOMAIN, Type.AAAA, "fd00::2").addPtr("fd00::2", "node-2.orders.example.org.");

        assertThat(discovery(DOMAIN, HostType.HOSTNAME, true, Duration.ofSeconds(5)).discover())
            .extracting(NodeAddress::host)
            .containsExactly("node-2.orders.example.org");
    }

    @Test
    void findsNobodyWhenTheNameDoesNotExist() throws Exception {
        assertThat(discovery().discover()).isEmpty();
    }

    @Test
    void findsNobodyWhenTheNameHasNoAddressRecords() throws Exception {
        this.server.add(DOMAIN, Type.TXT, "\"not an address\"");

        assertThat(discovery().discover()).isEmpty();
    }

    @Test
    void failsNamingDomainTypeServerAndServfail() {
        this.server.fail(DOMAIN, Fault.SERVFAIL);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery().discover())
            .withMessage("A lookup of " + DOMAIN + " at " + this.server.nameserver() + " failed: SERVFAIL");
    }

    @Test
    void failsWhenTheServerRefuses() {
        this.server.fail(DOMAIN, Fault.REFUSED);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery().discover())
            .withMessageStartingWith("A lookup of " + DOMAIN + " at " + this.server.nameserver() + " failed:")
            .withMessageContaining("REFUSED");
    }

    @Test
    void failsWithinTheLookupTimeoutWhenNothingAnswers() {
        this.server.fail(DOMAIN, Fault.NO_ANSWER);
        DnsAddressDiscovery discovery = discovery(DOMAIN, HostType.IP, false, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(discovery::discover)
            .withMessageContaining(DOMAIN)
            .withMessageContaining(this.server.nameserver())
            .withMessageContaining("no answer within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void asksTheNextNameServerWhenTheFirstIsSilent() throws Exception {
        this.server.fail(DOMAIN, Fault.NO_ANSWER);
        try (TestDnsServer second = TestDnsServer.start()) {
            second.add(DOMAIN, Type.A, "10.0.0.1");
            DnsClient client = new DnsClient(new DnsLookupSettings(
                    List.of(this.server.nameserver(), second.nameserver()), Duration.ofSeconds(2)));

            assertThat(new DnsAddressDiscovery("orders", DOMAIN, HostType.IP, false, client).discover())
                .extracting(NodeAddress::host)
                .containsExactly("10.0.0.1");
            assertThat(this.server.queries()).isNotEmpty();
        }
    }

    @Test
    void failsOnAnAnswerThatIsNoDnsMessage() {
        this.server.fail(DOMAIN, Fault.GARBAGE);

        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(() -> discovery().discover())
            .withMessageStartingWith(
                    "A lookup of " + DOMAIN + " at " + this.server.nameserver() + " failed: malformed answer");
    }

    @Test
    void failsWhenAPtrLookupFails() throws Exception {
        this.server.add(DOMAIN, Type.A, "10.0.0.1");
        this.server.fail("1.0.0.10.in-addr.arpa", Fault.SERVFAIL);

        assertThatExceptionOfType(DnsLookupException.class)
            .isThrownBy(() -> discovery(DOMAIN, HostType.HOSTNAME, false, Duration.ofSeconds(5)).discover())
            .withMessage("PTR lookup of 1.0.0.10.in-addr.arpa at " + this.server.nameserver() + " failed: SERVFAIL");
    }

    @Test
    void worksAgainOnceTheServerRecovers() throws Exception {
        DnsAddressDiscovery discovery = discovery();
        this.server.add(DOMAIN, Type.A, "10.0.0.1");
        this.server.fail(DOMAIN, Fault.SERVFAIL);
        assertThatExceptionOfType(DnsLookupException.class).isThrownBy(discovery::discover);

        this.server.heal(DOMAIN);
        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactly("10.0.0.1");
    }

    @Test
    void rejectsADomainThatIsNoDnsName() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> discovery("orders prod", HostType.IP, false, Duration.ofSeconds(5)))
            .withMessageContaining("Invalid DNS domain")
            .withMessageContaining("orders prod");
    }

    @Test
    void describesItselfByTypeAndDomain() {
        assertThat(discovery().describe()).isEqualTo("dns a " + DOMAIN);
        assertThat(discovery(DOMAIN + ".", HostType.HOSTNAME, true, Duration.ofSeconds(5)).describe())
            .isEqualTo("dns aaaa " + DOMAIN + " (hostname)");
    }

}
