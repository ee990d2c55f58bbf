package io.gencluster.discovery.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

import static io.gencluster.discovery.dns.Dnsmasq.hostRecord;
import static io.gencluster.discovery.dns.Dnsmasq.local;
import static io.gencluster.discovery.dns.Dnsmasq.ptrRecord;
import static io.gencluster.discovery.dns.Dnsmasq.srvHost;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both DNS strategies and {@link DnsHostResolver} against a real dnsmasq serving what a
 * Kubernetes headless service publishes: A/AAAA records of the service name, PTR records
 * of the pods, and SRV records of its named port pointing at each pod's name.
 */
class DnsmasqDiscoveryTests {

    private static final String SERVICE = "orders.default.svc.cluster.local";

    private static final String SRV = "_cluster._tcp." + SERVICE;

    private Dnsmasq dnsmasq;

    @AfterEach
    void stopDnsmasq() throws Exception {
        if (this.dnsmasq != null) {
            this.dnsmasq.close();
        }
    }

    private DnsClient client() {
        return new DnsClient(new DnsLookupSettings(List.of(this.dnsmasq.nameserver()), Duration.ofSeconds(5)));
    }

    private static String pod(int i) {
        return "127-0-0-" + (10 + i) + "." + SERVICE;
    }

    private static String podAddress(int i) {
        return "127.0.0." + (10 + i);
    }

    /**
     * A headless service of n pods: A, PTR and SRV records, as Kubernetes' DNS publishes
     * them.
     */
    private static List<String> headlessService(int pods) {
        List<String> records = new ArrayList<>(List.of(local("cluster.local"), local("127.in-addr.arpa")));
        for (int i = 1; i <= pods; i++) {
            records.add(hostRecord(SERVICE, podAddress(i)));
            records.add(hostRecord(pod(i), podAddress(i)));
            records.add(ptrRecord(podAddress(i), pod(i)));
            records.add(srvHost(SRV, pod(i), 4370));
        }
        return records;
    }

    @Test
    void findsThePodAddressesOfAHeadlessService() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(3));

        assertThat(new DnsAddressDiscovery("orders", SERVICE, HostType.IP, false, client()).discover())
            .containsExactlyInAnyOrder(new NodeAddress("orders", "127.0.0.11", NodeAddress.UNSPECIFIED_PORT),
                    new NodeAddress("orders", "127.0.0.12", NodeAddress.UNSPECIFIED_PORT),
                    new NodeAddress("orders", "127.0.0.13", NodeAddress.UNSPECIFIED_PORT));
    }

    @Test
    void findsIpv6AddressesFromAaaaRecords() throws Exception {
        this.dnsmasq = Dnsmasq.start(List.of(hostRecord(SERVICE, "127.0.0.11"), hostRecord(SERVICE, "fd00::11"),
                hostRecord(SERVICE, "fd00::12")));

        assertThat(new DnsAddressDiscovery("orders", SERVICE, HostType.IP, true, client()).discover())
            .extracting(NodeAddress::host)
            .containsExactlyInAnyOrder("fd00::11", "fd00::12");
    }

    @Test
    void findsPodNamesFromPtrRecordsWithHostTypeHostname() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(3));

        assertThat(new DnsAddressDiscovery("orders", SERVICE, HostType.HOSTNAME, false, client()).discover())
            .containsExactlyInAnyOrder(new NodeAddress("orders", pod(1), NodeAddress.UNSPECIFIED_PORT),
                    new NodeAddress("orders", pod(2), NodeAddress.UNSPECIFIED_PORT),
                    new NodeAddress("orders", pod(3), NodeAddress.UNSPECIFIED_PORT));
    }

    @Test
    void findsPodNamesAndPortFromTheSrvRecordsOfANamedPort() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(3));

        assertThat(new DnsSrvDiscovery("orders", SRV, HostType.HOSTNAME, false, client()).discover())
            .containsExactlyInAnyOrder(new NodeAddress("orders", pod(1), 4370), new NodeAddress("orders", pod(2), 4370),
                    new NodeAddress("orders", pod(3), 4370));
    }

    @Test
    void findsPodAddressesFromTheSrvTargetsWithHostTypeIp() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(3));

        assertThat(new DnsSrvDiscovery("orders", SRV, HostType.IP, false, client()).discover())
            .containsExactlyInAnyOrder(new NodeAddress("orders", "127.0.0.11", 4370),
                    new NodeAddress("orders", "127.0.0.12", 4370), new NodeAddress("orders", "127.0.0.13", 4370));
    }

    @Test
    void resolvesPodNamesThatOnlyDnsmasqKnows() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(2));

        assertThat(new DnsHostResolver(client(), false).resolve(pod(2)))
            .containsExactly(InetAddress.getByName(podAddress(2)));
    }

    @Test
    void findsNobodyForAServiceThatDoesNotExist() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(1));

        assertThat(new DnsSrvDiscovery("orders", "_cluster._tcp.billing.default.svc.cluster.local", HostType.HOSTNAME,
                false, client())
            .discover()).isEmpty();
    }

    @Test
    void seesAPodLeaveAfterTheZoneChanges() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(3));
        DnsSrvDiscovery discovery = new DnsSrvDiscovery("orders", SRV, HostType.HOSTNAME, false, client());
        assertThat(discovery.discover()).hasSize(3);

        this.dnsmasq.restartWith(headlessService(2));

        assertThat(discovery.discover()).extracting(NodeAddress::host).containsExactlyInAnyOrder(pod(1), pod(2));
    }

    /**
     * Fails if an SRV answer too large for one UDP packet is cut short: every one of a
     * hundred pods must be found.
     */
    @Test
    void readsAHundredSrvRecordsWithEitherHostType() throws Exception {
        this.dnsmasq = Dnsmasq.start(headlessService(100));
        DnsClient client = client();

        assertThat(new DnsSrvDiscovery("orders", SRV, HostType.HOSTNAME, false, client).discover())
            .extracting(NodeAddress::host)
            .containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 100).mapToObj(DnsmasqDiscoveryTests::pod).toList());
        assertThat(new DnsSrvDiscovery("orders", SRV, HostType.IP, false, client).discover())
            .extracting(NodeAddress::host)
            .containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 100).mapToObj(DnsmasqDiscoveryTests::podAddress).toList());
    }

}
