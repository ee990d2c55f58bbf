package io.gencluster.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.HostResolver;
import io.gencluster.transport.tcp.CookieFile;
import io.gencluster.transport.tcp.TcpTransport;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * The default transport: authenticated TCP links on Netty, from
 * {@code gen-cluster.transport.*}.
 */
@Configuration(proxyBeanMethods = false)
class TcpTransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TcpTransportConfiguration.class);

    /**
     * How transport host names are resolved; DNS discovery with its own name servers
     * replaces it.
     */
    @Bean
    @ConditionalOnMissingBean
    HostResolver genClusterHostResolver() {
        return HostResolver.SYSTEM;
    }

    /**
     * The TCP transport; a {@link ClusterTransport} bean of the application's replaces
     * it.
     */
    @Bean
    @ConditionalOnMissingBean
    ClusterTransport clusterTransport(GenClusterProperties properties, Environment environment,
            HostResolver hostResolver, ObjectProvider<SslBundles> sslBundles) {
        GenClusterProperties.Transport transport = properties.getTransport();
        NettySslContexts tls = tls(transport.getSsl().getBundle(), sslBundles);
        String cookie = cookie(transport, CookieFile.defaultPath());
        return new TcpTransport(new TcpTransportSettings(NodeNames.resolve(properties, environment),
                transport.getBindAddress(), transport.getPort(), transport.getAdvertiseHost(), cookie,
                transport.getConnectTimeout(), transport.getConnectTimeout(), transport.getHeartbeatInterval(),
                transport.getHeartbeatTimeout(), transport.isConnectAll(), transport.getMaxFrameSize(), hostResolver,
                tls == null ? null : tls.server(), tls == null ? null : tls.client())
            .withOutboundHighWaterMark(
                    (int) Math.min(Integer.MAX_VALUE, properties.getMessaging().getOutboundHighWaterMark().toBytes())));
    }

    /**
     * The cookie from the property, else from the cookie file; says at start where it
     * came from (never what it is), and when the file was just created, that the other
     * nodes need the same cookie.
     */
    static String cookie(GenClusterProperties.Transport transport, Path file) {
        if (transport.getCookie() != null) {
            log.info("gen-cluster cookie: from the property gen-cluster.transport.cookie");
            return transport.getCookie();
        }
        CookieFile.Contents contents = CookieFile.readOrCreate(file);
        if (!contents.created()) {
            log.info("gen-cluster cookie: read from {}", file);
            return contents.cookie();
        }
        log.info("gen-cluster cookie: created {} with a new random cookie", file);
        log.warn("gen-cluster: every other node of this cluster needs the same cookie as {}. Give all nodes one"
                + " secret (make one with 'openssl rand -base64 32') in the GEN_CLUSTER_TRANSPORT_COOKIE environment"
                + " variable or the gen-cluster.transport.cookie property from a secret, or copy this file to each"
                + " node's home directory (owner-only, chmod 600)", file);
        return contents.cookie();
    }

    private static NettySslContexts tls(String bundleName, ObjectProvider<SslBundles> sslBundles) {
        if (bundleName == null || bundleName.isBlank()) {
            return null;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw TransportSslBundleException.undefined(bundleName, List.of(), null);
        }
        try {
            return NettySslContexts.from(bundleName, bundles.getBundle(bundleName));
        }
        catch (NoSuchSslBundleException ex) {
            throw TransportSslBundleException.undefined(bundleName, bundles.getBundleNames(), ex);
        }
    }

}
