package io.gencluster.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.gencluster.autoconfigure.TransportSslBundleException;

/**
 * Explains an SSL bundle that cannot secure the links, naming
 * {@code gen-cluster.transport.ssl.bundle} and where the bundle is defined
 * ({@code spring.ssl.bundle.*}).
 */
final class TransportSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<TransportSslBundleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TransportSslBundleException cause) {
        String name = cause.bundleName();
        String definitions = "spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name;
        if (!cause.isDefined()) {
            String defined = cause.definedBundles().isEmpty() ? "No SSL bundles are defined."
                    : "Defined bundles: " + String.join(", ", cause.definedBundles()) + ".";
            return new FailureAnalysis(
                    "gen-cluster.transport.ssl.bundle names the SSL bundle '" + name + "', which is not defined. "
                            + defined,
                    "Define the bundle under " + definitions + ", or correct gen-cluster.transport.ssl.bundle."
                            + " To run the links without TLS, remove it on every node: TLS must be on for every"
                            + " node or none.",
                    cause);
        }
        return new FailureAnalysis(
                "The SSL bundle '" + name + "' named by gen-cluster.transport.ssl.bundle cannot be"
                        + " used for TLS between nodes: " + cause.getCause().getMessage(),
                "Give the bundle (" + definitions + ") a key store with this node's private key and certificate and"
                        + " a trust store with the CA that signed the certificates of every node.",
                cause);
    }

}
