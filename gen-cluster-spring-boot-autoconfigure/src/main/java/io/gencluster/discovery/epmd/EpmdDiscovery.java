package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gen_cluster's {@code epmd_all} strategy: every gen-cluster node registered with the
 * port mapper (Erlang's epmd, or one this library embeds) of the listed hosts. On start
 * the node registers its name and transport port with the port mapper of its own host, as
 * a hidden node whose extra field is {@code gen-cluster/1}, and keeps that registration
 * while it runs; plain Erlang nodes on the same port mapper are listed but skipped.
 *
 * <p>
 * Options: {@code hosts} (default {@code [localhost]}, this node's host), {@code port}
 * (default {@value #DEFAULT_PORT}, as {@code ERL_EPMD_PORT}), {@code embedded} (default
 * true: run a port mapper on loopback when none answers on this host), and the lookup
 * timeout that bounds each port mapper query.
 */
public final class EpmdDiscovery implements DiscoveryStrategy {

    /** epmd's well-known port. */
    public static final int DEFAULT_PORT = 4369;

    /** The hosts asked when none are configured: this node's own. */
    public static final List<String> DEFAULT_HOSTS = List.of("localhost");

    /** The default bound on one port mapper query. */
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(EpmdDiscovery.class);

    private final List<String> hosts;

    private final int port;

    private final boolean embedded;

    private final Duration lookupTimeout;

    private final int maxRegistrations;

    private final EpmdClient client;

    private final InetSocketAddress ownPortMapper;

    private volatile ClusterNode self;

    private volatile PortMapperRegistration registration;

    /**
     * Creates the strategy; nothing is registered until {@link #start}.
     * @param hosts the hosts whose port mappers list the peers, each as
     * {@link #parseHost} accepts it; {@code localhost} (or this node's own host) means
     * the port mapper of this host
     * @param port the port mapper's port on every host
     * @param embedded whether to run a port mapper in this node when none answers on this
     * host
     * @param lookupTimeout the most one port mapper query may take
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public EpmdDiscovery(List<String> hosts, int port, boolean embedded, Duration lookupTimeout) {
        this(hosts, port, embedded, lookupTimeout, EmbeddedPortMapper.DEFAULT_MAX_REGISTRATIONS);
    }

    /**
     * Creates the strategy with a bound on the registrations an embedded port mapper
     * keeps.
     * @param hosts the hosts whose port mappers list the peers, each as
     * {@link #parseHost} accepts it
     * @param port the port mapper's port on every host
     * @param embedded whether to run a port mapper in this node when none answers on this
     * host
     * @param lookupTimeout the most one port mapper query may take
     * @param maxRegistrations the most live registrations the embedded port mapper keeps,
     * when this node runs it
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public EpmdDiscovery(List<String> hosts, int port, boolean embedded, Duration lookupTimeout, int maxRegistrations) {
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("No port mapper hosts: list at least one host, such as localhost");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid port mapper port " + port
                    + ": a port is a number from 1 to 65535 (epmd's default is 4369)");
        }
        this.hosts = hosts.stream().map(EpmdDiscovery::parseHost).distinct().toList();
        if (lookupTimeout == null || lookupTimeout.isNegative() || lookupTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid port mapper lookup timeout " + lookupTimeout
                    + ": it must be a positive duration such as 5s");
        }
        if (maxRegistrations < 1) {
            throw new IllegalArgumentException(
                    "Invalid maximum of port mapper registrations " + maxRegistrations + ": it must be at least 1");
        }
        this.port = port;
        this.embedded = embedded;
        this.maxRegistrations = maxRegistrations;
        this.lookupTimeout = lookupTimeout;
        this.client = new EpmdClient(lookupTimeout);
        this.ownPortMapper = new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * A port mapper host as this strategy asks it: a host name or IP address, without a
     * node name or port (every port mapper listens on the one port given).
     * @throws IllegalArgumentException naming the entry and what is accepted
     */
    public static String parseHost(String host) {
        NodeAddress parsed;
        try {
            parsed = NodeAddress.parse(host);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid port mapper host '" + host + "': " + ex.getMessage(), ex);
        }
        if (parsed.name() != null || parsed.hasPort()) {
            throw new IllegalArgumentException("Invalid port mapper host '" + host
                    + "': give a host name or IP address only; every port mapper listens on the one port given");
        }
        return parsed.host();
    }

    /**
     * Registers this node with the port mapper of its host, starting the embedded one
     * when none answers and {@code embedded} is on, and keeps the registration until
     * {@link #stop()}.
     * @throws NodeNameTakenException when another live node on this host has the same
     * name
     * @throws IOException when no port mapper could be reached or started
     */
    @Override
    public void start(ClusterNode self) throws IOException {
        if (registration != null) {
            throw new IllegalStateException("EpmdDiscovery is already started for " + this.self);
        }
        NodeEntry entry;
        try {
            entry = NodeEntry.genCluster(self.name(), self.address().port());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "Invalid node name '" + self.name() + "' for epmd discovery: " + ex.getMessage(), ex);
        }
        PortMapperRegistration started = new PortMapperRegistration(entry, ownPortMapper, embedded, client,
                maxRegistrations);
        started.open(lookupTimeout);
        this.self = self;
        this.registration = started;
    }

    /**
     * Lists the gen-cluster nodes registered on each host's port mapper: {@code NAMES},
     * then {@code PORT_PLEASE2} per name to tell gen-cluster nodes from Erlang nodes.
     * @throws IOException naming the port mapper ({@code host:port}) that could not be
     * asked or answered badly
     */
    @Override
    public Set<NodeAddress> discover() throws IOException {
        ClusterNode me = self;
        if (me == null) {
            throw new IllegalStateException(
                    "EpmdDiscovery.discover() called before start(): the strategy needs " + "this node's address");
        }
        Set<NodeAddress> found = new LinkedHashSet<>();
        for (String host : hosts) {
            boolean own = isOwnHost(host, me);
            InetSocketAddress portMapper = own ? ownPortMapper : resolve(host);
            found.addAll(discover(host, portMapper, own ? me.address().host() : host));
        }
        return found;
    }

    private Set<NodeAddress> discover(String host, InetSocketAddress portMapper, String peerHost) throws IOException {
        Set<NodeAddress> found = new LinkedHashSet<>();
        try {
            for (NamesReply.Registered listed : client.names(portMapper).nodes()) {
                Optional<NodeEntry> entry = client.portPlease2(portMapper, listed.name());
                if (entry.isEmpty()) {
                    log.debug("Node '{}' left the port mapper on {} while being listed", listed.name(), host);
                }
                else if (!entry.get().isGenCluster()) {
                    log.debug("Skipping '{}' on {}: not a gen-cluster node ({})", listed.name(), host, entry.get());
                }
                else {
                    toAddress(entry.get(), peerHost).ifPresent(found::add);
                }
            }
        }
        catch (IOException ex) {
            throw new IOException(ex.getMessage() + " (port mapper host '" + host + "'; is a port mapper running"
                    + " there on port " + port + "?)", ex);
        }
        log.debug("Port mapper on {} lists gen-cluster nodes {}", host, found);
        return found;
    }

    private static Optional<NodeAddress> toAddress(NodeEntry entry, String host) {
        try {
            return Optional.of(new NodeAddress(entry.name(), host, entry.port()));
        }
        catch (IllegalArgumentException ex) {
            log.warn("Skipping gen-cluster node '{}' on {}: {}", entry.name(), host, ex.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isOwnHost(String host, ClusterNode me) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1")
                || host.equals(me.address().host());
    }

    private InetSocketAddress resolve(String host) throws UnknownHostException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot resolve port mapper host '" + host + "'");
        }
        return address;
    }

    /**
     * Unregisters from the port mapper and, if this node runs the embedded one, stops it.
     */
    @Override
    public void stop() {
        PortMapperRegistration running = registration;
        registration = null;
        if (running != null) {
            running.close();
        }
    }

    /** Whether this node runs its host's port mapper now (the embedded one). */
    public boolean runsEmbeddedPortMapper() {
        PortMapperRegistration running = registration;
        return running != null && running.runsPortMapper();
    }

    @Override
    public String describe() {
        return "epmd " + hosts + " port " + port
                + (runsEmbeddedPortMapper() ? " (running the embedded port mapper)" : "");
    }

}
