package io.gencluster.autoconfigure;

import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * The Netty TLS contexts of the links, made from a Spring Boot SSL bundle: both sides
 * present the bundle's certificate and verify the other's against the bundle's trust
 * material (mutual TLS), TLS 1.3 unless the bundle's options name other protocols. Peers
 * are often dialled by IP, so trust rests on the bundle's CA and the cookie handshake,
 * not on host names.
 *
 * @param server the context for links peers dial in
 * @param client the context for links this node dials
 */
record NettySslContexts(SslContext server, SslContext client) {

    private static final String[] TLS_1_3 = { "TLSv1.3" };

    static NettySslContexts from(String bundleName, SslBundle bundle) {
        if (bundle.getStores().getKeyStore() == null) {
            // Netty would build the contexts and every handshake would fail later: fail
            // the start instead.
            throw TransportSslBundleException.unusable(bundleName,
                    new IllegalArgumentException("it has no key store, and each node presents its own certificate"));
        }
        SslOptions options = bundle.getOptions();
        String[] protocols = options.getEnabledProtocols() != null ? options.getEnabledProtocols() : TLS_1_3;
        String[] ciphers = options.getCiphers();
        try {
            SslContextBuilder server = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory())
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(protocols);
            SslContextBuilder client = SslContextBuilder.forClient()
                .endpointIdentificationAlgorithm(null)
                .keyManager(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory())
                .protocols(protocols);
            if (ciphers != null) {
                server.ciphers(List.of(ciphers));
                client.ciphers(List.of(ciphers));
            }
            return new NettySslContexts(server.build(), client.build());
        }
        catch (SSLException | IllegalArgumentException ex) {
            throw TransportSslBundleException.unusable(bundleName, ex);
        }
    }
}
