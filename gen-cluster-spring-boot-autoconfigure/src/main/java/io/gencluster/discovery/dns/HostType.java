package io.gencluster.discovery.dns;

/** How a peer found in DNS is named in its address. */
public enum HostType {
    /** By IP address. */
    IP,
    /** By host name (a PTR lookup for A records, the target for SRV records). */
    HOSTNAME
}
