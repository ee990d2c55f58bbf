package io.gencluster.discovery.dns;

/**
 * Which DNS records list the peers: gen_cluster's {@code record_type}.
 */
public enum RecordType {

    /**
     * A records (AAAA with ipv6) of the domain: one peer per address, at the transport's
     * port.
     */
    A,

    /**
     * SRV records of the domain: one peer per target and port, as a Kubernetes headless
     * service publishes.
     */
    SRV

}
