package io.gencluster.discovery.dns;

/** Which DNS records list the peers. */
public enum RecordType {
    /** A records (AAAA with IPv6): the addresses of the peers, dialled at the transport's port. */
    A,
    /** SRV records: each target and port is a peer. */
    SRV
}
