package io.gencluster.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.gencluster.ClusterManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** TLS between nodes from a Spring Boot SSL bundle: mutual verification on top of the cookie. */
class ClusterTlsTests {

    @TempDir
    static Path certificates;

    private static TestCertificates clusterCa;

    private static TestCertificates otherCa;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        clusterCa = TestCertificates.authority(certificates, "cluster");
        otherCa = TestCertificates.authority(certificates, "other");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void nodesWithCertificatesOfTheClusterCaFormATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort(), freePort() };
        for (int i = 0; i < 3; i++) {
            start(ports[i], ports, clusterCa.nodeBundle("cluster", "node" + i));
        }
        await().atMost(Duration.ofSeconds(15))
            .until(() -> nodes.stream().allMatch(node -> manager(node).members().size() == 2));
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefused() throws Exception {
        int[] ports = { freePort(), freePort() };
        ConfigurableApplicationContext member = start(ports[0], ports,
                clusterCa.nodeBundle("cluster", "member"));
        ConfigurableApplicationContext stranger = start(ports[1], ports,
                otherCa.nodeBundle("cluster", "stranger"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manager(stranger).pending().stream()
            .anyMatch(peer -> peer.attempts() >= 2));
        assertThat(manager(member).members()).isEmpty();
        assertThat(manager(stranger).members()).isEmpty();
    }

    @Test
    void aPlaintextNodeCannotJoinATlsCluster() throws Exception {
        int[] ports = { freePort(), freePort() };
        ConfigurableApplicationContext member = start(ports[0], ports,
                clusterCa.nodeBundle("cluster", "tls-member"));
        ConfigurableApplicationContext plaintext = start(ports[1], ports, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager(plaintext).pending().stream()
            .anyMatch(peer -> peer.attempts() >= 2));
        assertThat(manager(member).members()).isEmpty();
        assertThat(manager(plaintext).members()).isEmpty();
    }

    private ConfigurableApplicationContext start(int port, int[] ports, List<String> bundle) {
        List<String> properties = new ArrayList<>(List.of("--gen-cluster.discovery.strategy=static",
                "--gen-cluster.discovery.static.nodes=" + seeds(ports), "--gen-cluster.transport.port=" + port,
                "--gen-cluster.transport.bind-address=127.0.0.1", "--gen-cluster.transport.cookie=tls-test",
                "--gen-cluster.refresh-interval=300ms", "--spring.application.name=tls-node"));
        if (bundle != null) {
            bundle.forEach(property -> properties.add("--" + property));
            properties.add("--gen-cluster.transport.ssl.bundle=cluster");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TlsNode.class)
            .web(WebApplicationType.NONE)
            .run(properties.toArray(String[]::new));
        nodes.add(context);
        return context;
    }

    private static String seeds(int[] ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port).toList());
    }

    private static ClusterManager manager(ConfigurableApplicationContext context) {
        return context.getBean(ClusterManager.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ SslAutoConfiguration.class, GenClusterAutoConfiguration.class })
    static class TlsNode {
    }
}
