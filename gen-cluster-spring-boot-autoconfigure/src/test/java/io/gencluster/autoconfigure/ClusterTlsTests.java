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

import io.gencluster.testsupport.TestApplication;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.awaitility.Awaitility.await;

/**
 * TLS between nodes from a Spring Boot SSL bundle: mutual verification on top of the
 * cookie.
 */
class ClusterTlsTests {

    @TempDir
    static Path certificates;

    private static TestCertificates clusterCa;

    private static TestCertificates otherCa;

    private final List<TestApplication> nodes = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        clusterCa = TestCertificates.authority(certificates, "cluster");
        otherCa = TestCertificates.authority(certificates, "other");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TestApplication::close);
    }

    @Test
    void nodesWithCertificatesOfTheClusterCaFormATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort(), freePort() };
        for (int i = 0; i < 3; i++) {
            start(ports[i], ports, clusterCa.nodeBundle("cluster", "node" + i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> TestApplication.fullyMeshed(nodes));
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefused() throws Exception {
        int[] ports = { freePort(), freePort() };
        TestApplication member = start(ports[0], ports, clusterCa.nodeBundle("cluster", "member"));
        TestApplication stranger = start(ports[1], ports, otherCa.nodeBundle("cluster", "stranger"));
        await().atMost(Duration.ofSeconds(10))
            .until(() -> stranger.manager().pending().stream().anyMatch(peer -> peer.attempts() >= 2));
        await().during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(5))
            .until(() -> member.manager().members().isEmpty() && stranger.manager().members().isEmpty());
    }

    @Test
    void aPlaintextNodeCannotJoinATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort() };
        TestApplication member = start(ports[0], ports, clusterCa.nodeBundle("cluster", "tls-member"));
        TestApplication plaintext = start(ports[1], ports, null);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> plaintext.manager().pending().stream().anyMatch(peer -> peer.attempts() >= 2));
        await().during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(5))
            .until(() -> member.manager().members().isEmpty() && plaintext.manager().members().isEmpty());
    }

    private TestApplication start(int port, int[] ports, List<String> bundle) {
        TestApplication.Builder node = TestApplication.named("tls-node")
            .staticNodes(Arrays.stream(ports).mapToObj(seed -> "127.0.0.1:" + seed).toArray(String[]::new))
            .properties("gen-cluster.transport.port=" + port, "gen-cluster.refresh-interval=300ms");
        if (bundle != null) {
            node.properties(bundle.toArray(String[]::new)).properties("gen-cluster.transport.ssl.bundle=cluster");
        }
        TestApplication started = node.start();
        nodes.add(started);
        return started;
    }

}
