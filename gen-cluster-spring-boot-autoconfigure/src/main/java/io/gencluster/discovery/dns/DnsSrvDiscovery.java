package io.gencluster.discovery.dns;

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
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import org.jspecify.annotations.Nullable;

/**
 * gen_cluster's {@code dns} strategy with {@code record_type srv}: every SRV target and
 * port of a domain is a peer, as a Kubernetes headless service with a named port
 * publishes them ({@code _cluster._tcp.orders.prod.svc.cluster.local}). Options:
 * <ul>
 * <li>{@code domain}: the SRV name, {@code _service._proto.name}; a trailing dot makes it
 * absolute.</li>
 * <li>{@code host-type}: {@code hostname} (default) dials each target name; {@code ip}
 * dials each address of each target, asked of the same name servers.</li>
 * <li>{@code ipv6}: with {@code host-type ip}, ask for AAAA records of the targets
 * instead of A.</li>
 * <li>{@code nameservers}, {@code lookup-timeout}: see {@link DnsLookupSettings}.</li>
 * </ul>
 * Each peer carries this node's name, as in gen_cluster. A target of {@code .} ("no
 * service") is left out.
 */
public final class DnsSrvDiscovery implements DiscoveryStrategy {

    private static final Logger logger = LoggerFactory.getLogger(DnsSrvDiscovery.class);

    private final @Nullable String nodeName;

    private final Name domain;

    private final HostType hostType;

    private final int addressType;

    private final DnsClient client;

    /**
     * Creates the strategy.
     * @param nodeName the name part of each peer's address (this node's name), or
     * {@code null} for none
     * @param domain the SRV name whose records list the peers
     * @param hostType whether peers are dialled by target name or by the target's
     * addresses
     * @param ipv6 whether target addresses come from AAAA records instead of A (host type
     * {@code ip})
     * @param client the name servers to ask
     * @throws IllegalArgumentException when the domain is not a DNS name
     */
    public DnsSrvDiscovery(@Nullable String nodeName, String domain, HostType hostType, boolean ipv6,
            DnsClient client) {
        this.nodeName = nodeName;
        this.domain = DnsDomain.parse(domain);
        this.hostType = Objects.requireNonNull(hostType, "hostType");
        this.addressType = ipv6 ? Type.AAAA : Type.A;
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Set<NodeAddress> discover() throws DnsLookupException, InterruptedException {
        CompletableFuture<List<NodeAddress>> peers = this.client.lookup(this.domain, Type.SRV).thenCompose(records -> {
            List<SRVRecord> services = records.stream().map(SRVRecord.class::cast).filter(this::hasTarget).toList();
            return this.hostType == HostType.HOSTNAME ? byName(services) : byAddress(services);
        });
        return Collections.unmodifiableSet(new LinkedHashSet<>(this.client.await(peers, describe())));
    }

    private boolean hasTarget(SRVRecord service) {
        if (service.getTarget().equals(Name.root)) {
            logger.debug("{}: leaving out {}, its target is '.'", describe(), service);
            return false;
        }
        return true;
    }

    private CompletableFuture<List<NodeAddress>> byName(List<SRVRecord> services) {
        return CompletableFuture.completedFuture(services.stream()
            .map(service -> peer(DnsClient.show(service.getTarget()), service.getPort()))
            .toList());
    }

    private CompletableFuture<List<NodeAddress>> byAddress(List<SRVRecord> services) {
        List<CompletableFuture<List<NodeAddress>>> lookups = services.stream().map(this::addressesOf).toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
            .thenApply(done -> lookups.stream().flatMap(lookup -> lookup.join().stream()).toList());
    }

    private CompletableFuture<List<NodeAddress>> addressesOf(SRVRecord service) {
        return this.client.lookup(service.getTarget(), this.addressType).thenApply(records -> {
            if (records.isEmpty()) {
                logger.debug("{}: leaving out target {}, it has no {} record", describe(),
                        DnsClient.show(service.getTarget()), Type.string(this.addressType));
            }
            return records.stream().map(record -> peer(hostAddress(record), service.getPort())).toList();
        });
    }

    private NodeAddress peer(String host, int port) {
        return new NodeAddress(this.nodeName, host, port);
    }

    private static String hostAddress(Record record) {
        return record instanceof AAAARecord aaaa ? aaaa.getAddress().getHostAddress()
                : ((ARecord) record).getAddress().getHostAddress();
    }

    @Override
    public String describe() {
        return "dns srv " + DnsClient.show(this.domain) + (this.hostType == HostType.IP ? " (ip)" : "");
    }

}
