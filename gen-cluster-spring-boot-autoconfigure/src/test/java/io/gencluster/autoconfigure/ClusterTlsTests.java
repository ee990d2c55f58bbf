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

import io.gencluster.membership.PendingPeer;
import io.gencluster.testsupport.TestApplication;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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

    /**
     * Fails if the refusal is for anything but the TLS handshake (the pending peer's last
     * error says which).
     */
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
        assertThat(stranger.manager().pending()).singleElement()
            .extracting(PendingPeer::lastError)
            .asString()
            .startsWith("TLS with ")
            .contains("SSLHandshakeException");
    }

    /**
     * Fails if the TLS node's failure is not reported as TLS, or if the plaintext node's
     * is not the hang-up after its first handshake message.
     */
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
        assertThat(plaintext.manager().pending()).singleElement()
            .extracting(PendingPeer::lastError)
            .asString()
            .contains("closed the connection during the handshake without a reason");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(member.manager().pending()).singleElement()
                .extracting(PendingPeer::lastError)
                .asString()
                .startsWith("TLS with "));
    }

    /**
     * Fails if a bundle name that matches no bundle is ignored and the links run without
     * TLS.
     */
    @Test
    void anUndefinedBundleFailsStartWithTheTypedException() {
        assertThat(startFailure(List.of())).hasMessageContaining("'cluster'");
    }

    /**
     * Fails if a bundle without a key store starts, and only every handshake fails later.
     */
    @Test
    void aBundleWithoutKeyMaterialFailsStartWithTheTypedException() throws Exception {
        List<String> trustOnly = clusterCa.nodeBundle("cluster", "trust-only")
            .stream()
            .filter(property -> property.contains(".truststore."))
            .toList();
        assertThat(startFailure(trustOnly)).hasMessageContaining("'cluster'");
    }

    /**
     * The {@link TransportSslBundleException} a node with this bundle fails to start
     * with.
     */
    private TransportSslBundleException startFailure(List<String> bundle) {
        int port = freePort();
        Throwable failure = catchThrowable(() -> start(port, new int[] { port }, bundle));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransportSslBundleException typed) {
                return typed;
            }
        }
        throw new AssertionError("expected a TransportSslBundleException", failure);
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
