package io.gencluster.transport.tcp;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.connect;
import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** TLS with certificates made by the JDK's keytool, both sides verifying each other. */
class TcpTransportTlsTests {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static Tls cluster;

    private static Tls stranger;

    private final TestTransports transports = new TestTransports();

    /** A node's server and client TLS contexts. */
    record Tls(SslContext server, SslContext client) {
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        cluster = tls(keytool("cluster"));
        stranger = tls(keytool("stranger"));
    }

    @AfterEach
    void stop() {
        transports.close();
    }

    @Test
    void linksNodesWhoseCertificatesAreTrusted() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withTls(cluster.server(), cluster.client()));
        TestTransports.Node b = transports.start("b", settings -> settings.withTls(cluster.server(), cluster.client()));

        ClusterNode member = connect(a, b.address());

        assertThat(member.isSameIncarnation(b.self())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.listener().members().size() == 1);
    }

    /**
     * Fails if a TLS failure is reported with any other reason than {@code TLS_FAILED},
     * or without the SSL exception.
     */
    @Test
    void refusesAServerWithAnUntrustedCertificate() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withTls(cluster.server(), cluster.client()));
        TestTransports.Node b = transports.start("b",
                settings -> settings.withTls(stranger.server(), stranger.client()));

        assertThat(rejection(a, b.address())).isEqualTo(Reason.TLS_FAILED);
        assertThatThrownBy(() -> connect(b, a.address())).cause()
            .isInstanceOfSatisfying(PeerRejectedException.class,
                    rejected -> assertThat(rejected.getReason()).isEqualTo(Reason.TLS_FAILED))
            .hasMessageContaining(SSLHandshakeException.class.getName());
        assertThat(b.listener().events()).isEmpty();
    }

    /**
     * Fails if either side's failure is not the specific one: TLS on the TLS side, a
     * hang-up on the plaintext one.
     */
    @Test
    void refusesAPlaintextPeer() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withTls(cluster.server(), cluster.client()));
        TestTransports.Node b = transports.start("b");

        assertThat(rejection(a, b.address())).isEqualTo(Reason.TLS_FAILED);
        assertThat(rejection(b, a.address())).as("the TLS side hangs up on message 1").isEqualTo(Reason.PROTOCOL_ERROR);
        assertThat(a.listener().events()).isEmpty();
        assertThat(b.listener().events()).isEmpty();
    }

    private static KeyStore keytool(String alias) throws Exception {
        Path store = keys.resolve(alias + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + alias, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool failed: " + output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static Tls tls(KeyStore keyStore) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        String alias = keyStore.aliases().nextElement();
        trusted.setCertificateEntry(alias, keyStore.getCertificate(alias));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SslContext server = SslContextBuilder.forServer(keyManagers)
            .trustManager(trustManagers)
            .clientAuth(ClientAuth.REQUIRE)
            .build();
        SslContext client = SslContextBuilder.forClient().keyManager(keyManagers).trustManager(trustManagers).build();
        return new Tls(server, client);
    }

}
