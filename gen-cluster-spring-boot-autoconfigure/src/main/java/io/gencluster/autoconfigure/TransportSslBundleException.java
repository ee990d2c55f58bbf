package io.gencluster.autoconfigure;

import java.util.List;

/**
 * The SSL bundle that {@code gen-cluster.transport.ssl.bundle} names cannot secure the
 * links: it is not defined, or its key and trust material cannot make TLS contexts for
 * both ends of a link.
 */
public class TransportSslBundleException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String bundleName;

    private final List<String> definedBundles;

    private final boolean defined;

    private TransportSslBundleException(String message, String bundleName, List<String> definedBundles, boolean defined,
            Throwable cause) {
        super(message, cause);
        this.bundleName = bundleName;
        this.definedBundles = List.copyOf(definedBundles);
        this.defined = defined;
    }

    /** The bundle is not among those defined under {@code spring.ssl.bundle.*}. */
    public static TransportSslBundleException undefined(String bundleName, List<String> definedBundles,
            Throwable cause) {
        return new TransportSslBundleException("gen-cluster.transport.ssl.bundle names '" + bundleName
                + "', which is not defined; defined bundles: " + definedBundles, bundleName, definedBundles, false,
                cause);
    }

    /** The bundle is defined, but Netty cannot make TLS contexts from it. */
    public static TransportSslBundleException unusable(String bundleName, Throwable cause) {
        return new TransportSslBundleException(
                "SSL bundle '" + bundleName + "' (gen-cluster.transport.ssl.bundle)"
                        + " cannot be used for TLS between nodes: " + cause.getMessage(),
                bundleName, List.of(), true, cause);
    }

    /** The name that {@code gen-cluster.transport.ssl.bundle} gives. */
    public String bundleName() {
        return bundleName;
    }

    /** The bundles that are defined, when this one is not; empty otherwise. */
    public List<String> definedBundles() {
        return definedBundles;
    }

    /** Whether the bundle is defined (and so unusable rather than missing). */
    public boolean isDefined() {
        return defined;
    }

}
