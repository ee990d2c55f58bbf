package io.gencluster.discovery.dns;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import org.jspecify.annotations.Nullable;

/**
 * gen_cluster's {@code dns} strategy with {@code record_type a}: every address of a
 * domain is a peer, at the transport's port. Options:
 * <ul>
 * <li>{@code domain}: the name whose A records list the peers, such as the name of a
 * Kubernetes headless service ({@code orders.prod.svc.cluster.local}); a trailing dot
 * makes it absolute.</li>
 * <li>{@code ipv6}: ask for AAAA records instead of A.</li>
 * <li>{@code host-type}: {@code ip} (default) dials each address; {@code hostname} dials
 * the name its PTR record gives, and leaves out an address without one.</li>
 * <li>{@code nameservers}, {@code lookup-timeout}: see {@link DnsLookupSettings}.</li>
 * </ul>
 * Each peer carries this node's name, as in gen_cluster, where all nodes of a cluster
 * share one.
 */
public final class DnsAddressDiscovery implements DiscoveryStrategy {

    private static final Logger logger = LoggerFactory.getLogger(DnsAddressDiscovery.class);

    private final @Nullable String nodeName;

    private final Name domain;

    private final HostType hostType;

    private final int addressType;

    private final DnsClient client;

    /**
     * Creates the strategy.
     * @param nodeName the name part of each peer's address (this node's name), or
     * {@code null} for none
     * @param domain the domain whose A (or AAAA) records list the peers
     * @param hostType whether peers are dialled by address or by their PTR name
     * @param ipv6 whether to ask for AAAA records instead of A
     * @param client the name servers to ask
     * @throws IllegalArgumentException when the domain is not a DNS name
     */
    public DnsAddressDiscovery(@Nullable String nodeName, String domain, HostType hostType, boolean ipv6,
            DnsClient client) {
        this.nodeName = nodeName;
        this.domain = DnsDomain.parse(domain);
        this.hostType = Objects.requireNonNull(hostType, "hostType");
        this.addressType = ipv6 ? Type.AAAA : Type.A;
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Set<NodeAddress> discover() throws DnsLookupException, InterruptedException {
        CompletableFuture<List<String>> hosts = this.client.lookup(this.domain, this.addressType)
            .thenCompose(records -> this.hostType == HostType.IP ? ipsOf(records) : ptrNamesOf(records));
        Set<NodeAddress> peers = new LinkedHashSet<>();
        for (String host : this.client.await(hosts, describe())) {
            peers.add(new NodeAddress(this.nodeName, host, NodeAddress.UNSPECIFIED_PORT));
        }
        return Collections.unmodifiableSet(peers);
    }

    private static CompletableFuture<List<String>> ipsOf(List<Record> records) {
        return CompletableFuture
            .completedFuture(records.stream().map(record -> address(record).getHostAddress()).toList());
    }

    private CompletableFuture<List<String>> ptrNamesOf(List<Record> records) {
        List<CompletableFuture<List<String>>> lookups = records.stream()
            .map(record -> ptrNameOf(address(record)))
            .toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
            .thenApply(done -> lookups.stream().flatMap(lookup -> lookup.join().stream()).toList());
    }

    private CompletableFuture<List<String>> ptrNameOf(InetAddress address) {
        return this.client.lookup(ReverseMap.fromAddress(address), Type.PTR).thenApply(records -> {
            if (records.isEmpty()) {
                logger.debug("{}: leaving out {}, it has no PTR record", describe(), address.getHostAddress());
                return List.of();
            }
            return List.of(DnsClient.show(((PTRRecord) records.get(0)).getTarget()));
        });
    }

    private static InetAddress address(Record record) {
        return record instanceof AAAARecord aaaa ? aaaa.getAddress() : ((ARecord) record).getAddress();
    }

    @Override
    public String describe() {
        return "dns " + (this.addressType == Type.AAAA ? "aaaa " : "a ") + DnsClient.show(this.domain)
                + (this.hostType == HostType.HOSTNAME ? " (hostname)" : "");
    }

}
