package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.discovery.dns.Dnsmasq;
import io.gencluster.testsupport.TestApplication;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes find each other through dnsmasq, as through a Kubernetes headless service.
 */
class DnsClusterTests {

    private final List<TestApplication> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(TestApplication::close);
    }

    @Test
    void threeNodesFormAClusterThroughARecords() throws Exception {
        int port = freePort();
        List<String> addresses = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
        List<String> records = new ArrayList<>(List.of(Dnsmasq.local("cluster.test")));
        addresses.forEach(address -> records.add(Dnsmasq.hostRecord("orders.cluster.test", address)));
        try (Dnsmasq dns = Dnsmasq.start(records)) {
            for (String address : addresses) {
                nodes.add(TestApplication.named("orders")
                    .properties("gen-cluster.discovery.strategy=dns",
                            "gen-cluster.discovery.dns.domain=orders.cluster.test",
                            "gen-cluster.discovery.dns.nameservers=" + dns.nameserver(),
                            "gen-cluster.transport.bind-address=" + address, "gen-cluster.transport.port=" + port,
                            "gen-cluster.refresh-interval=300ms")
                    .start());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> TestApplication.fullyMeshed(nodes));
            assertThat(nodes.get(0).manager().members()).extracting(node -> node.address().host())
                .containsExactlyInAnyOrder("127.0.0.3", "127.0.0.4");
        }
    }

    @Test
    void threeNodesFormAClusterThroughSrvRecordsWithNamesOnlyThatServerKnows() throws Exception {
        int[] ports = { freePort(), freePort(), freePort() };
        List<String> records = new ArrayList<>(List.of(Dnsmasq.local("cluster.test")));
        for (int i = 0; i < 3; i++) {
            records.add(Dnsmasq.hostRecord("orders-" + i + ".cluster.test", "127.0.0.1"));
            records
                .add(Dnsmasq.srvHost("_cluster._tcp.orders.cluster.test", "orders-" + i + ".cluster.test", ports[i]));
        }
        try (Dnsmasq dns = Dnsmasq.start(records)) {
            for (int i = 0; i < 3; i++) {
                nodes.add(TestApplication.named("orders")
                    .properties("gen-cluster.discovery.strategy=dns", "gen-cluster.discovery.dns.record-type=srv",
                            "gen-cluster.discovery.dns.domain=_cluster._tcp.orders.cluster.test",
                            "gen-cluster.discovery.dns.nameservers=" + dns.nameserver(),
                            "gen-cluster.transport.advertise-host=orders-" + i + ".cluster.test",
                            "gen-cluster.transport.port=" + ports[i], "gen-cluster.refresh-interval=300ms")
                    .start());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> TestApplication.fullyMeshed(nodes));
            assertThat(nodes.get(0).manager().members()).extracting(ClusterNode::id)
                .containsExactlyInAnyOrder("orders@orders-1.cluster.test:" + ports[1],
                        "orders@orders-2.cluster.test:" + ports[2]);
        }
    }

}
