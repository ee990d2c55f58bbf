package io.gencluster.autoconfigure.diagnostics;

import java.util.List;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.gencluster.testsupport.TestCookies;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.autoconfigure.TransportSslBundleException;

import static org.assertj.core.api.Assertions.assertThat;

class TransportSslBundleFailureAnalyzerTests {

    private final TransportSslBundleFailureAnalyzer analyzer = new TransportSslBundleFailureAnalyzer();

    @Test
    void anUndefinedBundleNamesTheBundlePropertyAndWhereToDefineIt() {
        FailureAnalysis analysis = analyzer
            .analyze(TransportSslBundleException.undefined("cluster", List.of("web"), null));

        assertThat(analysis.getDescription()).isEqualTo(
                "gen-cluster.transport.ssl.bundle names the SSL bundle 'cluster', which is not defined. Defined bundles: web.");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.cluster or spring.ssl.bundle.jks.cluster")
            .contains("gen-cluster.transport.ssl.bundle")
            .contains("TLS must be on for every node or none");
    }

    @Test
    void anUnusableBundleSaysWhatItNeeds() {
        FailureAnalysis analysis = analyzer
            .analyze(TransportSslBundleException.unusable("cluster", new SSLException("no key material")));

        assertThat(analysis.getDescription())
            .isEqualTo("The SSL bundle 'cluster' named by gen-cluster.transport.ssl.bundle"
                    + " cannot be used for TLS between nodes: no key material");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.cluster")
            .contains("this node's private key and certificate");
    }

    @Test
    void anApplicationNamingAnUndefinedBundleFailsWithTheAnalysis() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GenClusterAutoConfiguration.class))
            .withPropertyValues("gen-cluster.discovery.strategy=static", "gen-cluster.discovery.static.nodes=127.0.0.1",
                    "gen-cluster.transport.cookie=" + TestCookies.SHARED, "gen-cluster.transport.ssl.bundle=missing")
            .run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("'missing', which is not defined")
                    .contains("No SSL bundles are defined.");
            });
    }

}
