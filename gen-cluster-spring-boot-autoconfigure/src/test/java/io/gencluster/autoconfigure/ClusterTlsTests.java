package io.gencluster.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static io.gencluster.autoconfigure.ClusterApplications.freePort;
import static io.gencluster.autoconfigure.ClusterApplications.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** TLS between nodes from a Spring Boot SSL bundle: mutual verification on top of the cookie. */
class ClusterTlsTests {

    @TempDir
    static Path certificates;

    private static TestCertificates clusterCa;

    private static TestCertificates otherCa;

    private final ClusterApplications nodes = new ClusterApplications();

    @BeforeAll
    static void makeCertificates() throws Exception {
        clusterCa = TestCertificates.authority(certificates, "cluster");
        otherCa = TestCertificates.authority(certificates, "other");
    }

    @AfterEach
    void stopNodes() {
        nodes.close();
    }

    @Test
    void nodesWithCertificatesOfTheClusterCaFormATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort(), freePort() };
        for (int i = 0; i < 3; i++) {
            start(ports[i], ports, clusterCa.nodeBundle("cluster", "node" + i));
        }
        await().atMost(Duration.ofSeconds(15)).until(nodes::fullyMeshed);
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefused() throws Exception {
        int[] ports = { freePort(), freePort() };
        ConfigurableApplicationContext member = start(ports[0], ports, clusterCa.nodeBundle("cluster", "member"));
        ConfigurableApplicationContext stranger = start(ports[1], ports, otherCa.nodeBundle("cluster", "stranger"));
        await().atMost(Duration.ofSeconds(10))
            .until(() -> manager(stranger).pending().stream().anyMatch(peer -> peer.attempts() >= 2));
        assertThat(manager(member).members()).isEmpty();
        assertThat(manager(stranger).members()).isEmpty();
    }

    @Test
    void aPlaintextNodeCannotJoinATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort() };
        ConfigurableApplicationContext member = start(ports[0], ports, clusterCa.nodeBundle("cluster", "tls-member"));
        ConfigurableApplicationContext plaintext = start(ports[1], ports, null);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> manager(plaintext).pending().stream().anyMatch(peer -> peer.attempts() >= 2));
        assertThat(manager(member).members()).isEmpty();
        assertThat(manager(plaintext).members()).isEmpty();
    }

    private ConfigurableApplicationContext start(int port, int[] ports, List<String> bundle) {
        List<String> properties = new ArrayList<>(List.of("gen-cluster.discovery.strategy=static",
                "gen-cluster.discovery.static.nodes=" + seeds(ports), "gen-cluster.transport.port=" + port,
                "gen-cluster.transport.bind-address=127.0.0.1", "gen-cluster.transport.cookie=tls-test",
                "gen-cluster.refresh-interval=300ms", "spring.application.name=tls-node"));
        if (bundle != null) {
            properties.addAll(bundle);
            properties.add("gen-cluster.transport.ssl.bundle=cluster");
        }
        return nodes.start(properties);
    }

    private static String seeds(int[] ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port).toList());
    }
}
