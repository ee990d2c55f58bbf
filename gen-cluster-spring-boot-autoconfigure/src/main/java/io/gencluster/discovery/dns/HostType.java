package io.gencluster.discovery.dns;

/**
 * What a DNS strategy hands the transport as each peer's host: gen_cluster's
 * {@code host_type}.
 */
public enum HostType {

    /** The IP address from the A/AAAA records (for SRV: the addresses of each target). */
    IP,

    /** A host name: the SRV target, or for A records the PTR name of each address. */
    HOSTNAME

}
