package io.gencluster.autoconfigure;

import java.util.List;

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

/** The default transport: authenticated TCP links on Netty, from {@code gen-cluster.transport.*}. */
@Configuration(proxyBeanMethods = false)
class TcpTransportConfiguration {

    /** How transport host names are resolved; DNS discovery with its own name servers replaces it. */
    @Bean
    @ConditionalOnMissingBean
    HostResolver genClusterHostResolver() {
        return HostResolver.SYSTEM;
    }

    /** The TCP transport; a {@link ClusterTransport} bean of the application's replaces it. */
    @Bean
    @ConditionalOnMissingBean
    ClusterTransport clusterTransport(GenClusterProperties properties, Environment environment,
            HostResolver hostResolver, ObjectProvider<SslBundles> sslBundles) {
        GenClusterProperties.Transport transport = properties.getTransport();
        NettySslContexts tls = tls(transport.getSsl().getBundle(), sslBundles);
        String cookie = transport.getCookie() != null ? transport.getCookie()
                : CookieFile.readOrCreate(CookieFile.defaultPath());
        return new TcpTransport(new TcpTransportSettings(NodeNames.resolve(properties, environment),
                transport.getBindAddress(), transport.getPort(), transport.getAdvertiseHost(), cookie,
                transport.getConnectTimeout(), transport.getConnectTimeout(), transport.getHeartbeatInterval(),
                transport.getHeartbeatTimeout(), transport.isConnectAll(), transport.getMaxFrameSize(), hostResolver,
                tls == null ? null : tls.server(), tls == null ? null : tls.client()));
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
