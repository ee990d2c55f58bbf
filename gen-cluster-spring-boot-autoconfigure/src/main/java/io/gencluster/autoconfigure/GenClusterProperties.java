package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Validator;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.dns.HostType;
import io.gencluster.discovery.dns.RecordType;

/**
 * Configuration of gen-cluster, under {@code gen-cluster}. Nothing starts, and no port
 * opens, until {@code gen-cluster.discovery.strategy} is set or a
 * {@code DiscoveryStrategy} bean exists. Every value is checked at start; a bad one fails
 * the start naming the property, the value and what is accepted.
 */
@ConfigurationProperties("gen-cluster")
public class GenClusterProperties implements Validator {

    /** Whether to enable gen-cluster once it is configured. */
    private boolean enabled = true;

    /**
     * Name part of this node's id (name@host:port); defaults to spring.application.name,
     * else "gen-cluster".
     */
    private String nodeName;

    /**
     * Interval between discovery runs, or 'infinity' to connect once at start and never
     * reconnect.
     */
    private RefreshInterval refreshInterval = RefreshInterval.of(Duration.ofSeconds(5));

    /**
     * How long the start may wait for the first discovery and its dials to end, so the
     * application is ready once it has joined the peers it found; peers that refuse or do
     * not exist end the wait at once. 0 does not wait.
     */
    private Duration joinBeforeReady = Duration.ofSeconds(2);

    /** Whether to disconnect members that discovery no longer returns. */
    private boolean pruneUndiscovered = false;

    /**
     * How long a member must have been missing from discovery before prune-undiscovered
     * disconnects it, checked at each refresh; a refresh that returns it again starts the
     * clock over. 0 prunes it at the first refresh that misses it.
     */
    private Duration pruneUndiscoveredAfter = Duration.ZERO;

    /** Discovery of peers. */
    private final Discovery discovery = new Discovery();

    /** Links between nodes. */
    private final Transport transport = new Transport();

    /** 'cluster' health contributor. */
    private final Health health = new Health();

    /** Bounds on what peers' announcements and this node's dials may cost. */
    private final Limits limits = new Limits();

    /** Application messages between members (ClusterTemplate, @ClusterListener). */
    private final Messaging messaging = new Messaging();

    /** Peers that join and leave too often. */
    private final Flapping flapping = new Flapping();

    /** When this node counts as cut off from the cluster. */
    private final Isolation isolation = new Isolation();

    /**
     * Entries this node publishes to its peers, such as zone or service (its Spring Cloud
     * service id); they override what gen-cluster fills in itself (web-port, web-scheme,
     * management-port, version).
     */
    private Map<String, String> metadata = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

    public RefreshInterval getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(RefreshInterval refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public Duration getJoinBeforeReady() {
        return joinBeforeReady;
    }

    public void setJoinBeforeReady(Duration joinBeforeReady) {
        this.joinBeforeReady = joinBeforeReady;
    }

    public boolean isPruneUndiscovered() {
        return pruneUndiscovered;
    }

    public void setPruneUndiscovered(boolean pruneUndiscovered) {
        this.pruneUndiscovered = pruneUndiscovered;
    }

    public Duration getPruneUndiscoveredAfter() {
        return pruneUndiscoveredAfter;
    }

    public void setPruneUndiscoveredAfter(Duration pruneUndiscoveredAfter) {
        this.pruneUndiscoveredAfter = pruneUndiscoveredAfter;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    public Transport getTransport() {
        return transport;
    }

    public Health getHealth() {
        return health;
    }

    public Limits getLimits() {
        return limits;
    }

    public Messaging getMessaging() {
        return messaging;
    }

    public Flapping getFlapping() {
        return flapping;
    }

    public Isolation getIsolation() {
        return isolation;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    @Override
    public boolean supports(Class<?> type) {
        return GenClusterProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        new GenClusterPropertiesValidation((GenClusterProperties) target, errors).run();
    }

    /** How peers are found: gen_cluster's discovery strategies. */
    public static class Discovery {

        /**
         * Comma-separated list of discovery strategies (static, dns, epmd, spring-cloud);
         * setting it turns gen-cluster on.
         */
        private List<DiscoveryKind> strategy = new ArrayList<>();

        /** Static discovery: a fixed list of nodes. */
        private final Static staticNodes = new Static();

        /** DNS discovery: A, AAAA or SRV records. */
        private final Dns dns = new Dns();

        /** Epmd discovery: nodes registered on port mappers. */
        private final Epmd epmd = new Epmd();

        /**
         * Spring Cloud discovery: the instances of a service in the application's
         * DiscoveryClient.
         */
        private final SpringCloud springCloud = new SpringCloud();

        public List<DiscoveryKind> getStrategy() {
            return strategy;
        }

        public void setStrategy(List<DiscoveryKind> strategy) {
            this.strategy = strategy;
        }

        public Static getStatic() {
            return staticNodes;
        }

        public Dns getDns() {
            return dns;
        }

        public Epmd getEpmd() {
            return epmd;
        }

        public SpringCloud getSpringCloud() {
            return springCloud;
        }

    }

    /** The 'spring-cloud' strategy. */
    public static class SpringCloud {

        /**
         * Service whose instances are the peers, each dialled at the port its
         * 'gen-cluster-port' metadata names, else at transport.port; defaults to
         * spring.application.name, else the node name.
         */
        private String serviceId;

        public String getServiceId() {
            return serviceId;
        }

        public void setServiceId(String serviceId) {
            this.serviceId = serviceId;
        }

    }

    /** The 'static' strategy. */
    public static class Static {

        /**
         * Comma-separated list of nodes to connect to, each name@host:port, host:port,
         * [ipv6]:port or host.
         */
        private List<String> nodes = new ArrayList<>();

        public List<String> getNodes() {
            return nodes;
        }

        public void setNodes(List<String> nodes) {
            this.nodes = nodes;
        }

        /** The nodes, parsed. */
        public List<NodeAddress> addresses() {
            return nodes.stream().map(NodeAddress::parse).toList();
        }

    }

    /** The 'dns' strategy. */
    public static class Dns {

        /**
         * DNS name to query, such as orders.prod.svc.cluster.local (or
         * _cluster._tcp.orders.prod.svc.cluster.local for SRV).
         */
        private String domain;

        /** Type of the records that list the peers: a (A, or AAAA with ipv6) or srv. */
        private RecordType recordType = RecordType.A;

        /**
         * How peers are named, ip or hostname; defaults to ip for A records and hostname
         * for SRV.
         */
        private HostType hostType;

        /** Whether to query AAAA records instead of A records. */
        private boolean ipv6 = false;

        /** Timeout of each DNS lookup. */
        private Duration lookupTimeout = Duration.ofSeconds(5);

        /**
         * Comma-separated list of DNS servers (host[:port]) to ask; empty for the
         * system's resolver configuration.
         */
        private List<String> nameservers = new ArrayList<>();

        public String getDomain() {
            return domain;
        }

        public void setDomain(String domain) {
            this.domain = domain;
        }

        public RecordType getRecordType() {
            return recordType;
        }

        public void setRecordType(RecordType recordType) {
            this.recordType = recordType;
        }

        public HostType getHostType() {
            return hostType;
        }

        public void setHostType(HostType hostType) {
            this.hostType = hostType;
        }

        /**
         * The host type in force: the one set, else ip for A records and hostname for
         * SRV.
         */
        public HostType effectiveHostType() {
            if (hostType != null) {
                return hostType;
            }
            return recordType == RecordType.SRV ? HostType.HOSTNAME : HostType.IP;
        }

        public boolean isIpv6() {
            return ipv6;
        }

        public void setIpv6(boolean ipv6) {
            this.ipv6 = ipv6;
        }

        public Duration getLookupTimeout() {
            return lookupTimeout;
        }

        public void setLookupTimeout(Duration lookupTimeout) {
            this.lookupTimeout = lookupTimeout;
        }

        public List<String> getNameservers() {
            return nameservers;
        }

        public void setNameservers(List<String> nameservers) {
            this.nameservers = nameservers;
        }

    }

    /** The 'epmd' strategy. */
    public static class Epmd {

        /**
         * Comma-separated list of hosts whose port mappers are asked; 'localhost' means
         * this node's host.
         */
        private List<String> hosts = new ArrayList<>(List.of("localhost"));

        /** Port of the port mapper on every host, as ERL_EPMD_PORT. */
        private int port = 4369;

        /**
         * Whether this node runs a port mapper on loopback when none answers on this
         * host.
         */
        private boolean embedded = true;

        /** Timeout of each port mapper query. */
        private Duration lookupTimeout = Duration.ofSeconds(5);

        /**
         * Maximum number of live registrations the embedded port mapper keeps; more are
         * refused.
         */
        private int maxRegistrations = 256;

        public int getMaxRegistrations() {
            return maxRegistrations;
        }

        public void setMaxRegistrations(int maxRegistrations) {
            this.maxRegistrations = maxRegistrations;
        }

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public boolean isEmbedded() {
            return embedded;
        }

        public void setEmbedded(boolean embedded) {
            this.embedded = embedded;
        }

        public Duration getLookupTimeout() {
            return lookupTimeout;
        }

        public void setLookupTimeout(Duration lookupTimeout) {
            this.lookupTimeout = lookupTimeout;
        }

    }

    /** The authenticated TCP links between nodes. */
    public static class Transport {

        /** Port to listen on for peers; 0 for any free port. */
        private int port = 4370;

        /** Local address to listen on. */
        private String bindAddress = "0.0.0.0";

        /**
         * Host that peers dial to reach this node; defaults to the bind address, or a
         * site-local address when bound to all.
         */
        private String advertiseHost;

        /**
         * Shared secret every node must have; defaults to the content of
         * ~/.gen-cluster.cookie, created when absent.
         */
        private String cookie;

        /** Timeout to dial a peer and to finish the handshake. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /**
         * Interval between heartbeats on an idle link. The default is a quarter of the
         * default timeout, as Erlang ticks: detection waits for the timeout whatever the
         * interval, and fewer heartbeats cost idle links fewer bytes.
         */
        private Duration heartbeatInterval = Duration.ofMillis(2500);

        /** Time a link may stay silent before the peer is dropped. */
        private Duration heartbeatTimeout = Duration.ofSeconds(10);

        /**
         * Whether members share their member lists so that every node links to every
         * other, as Erlang's global does.
         */
        private boolean connectAll = true;

        /** Maximum size of a frame accepted from a peer, in bytes. */
        private int maxFrameSize = 1024 * 1024;

        /** TLS for the links. */
        private final Ssl ssl = new Ssl();

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getBindAddress() {
            return bindAddress;
        }

        public void setBindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
        }

        public String getAdvertiseHost() {
            return advertiseHost;
        }

        public void setAdvertiseHost(String advertiseHost) {
            this.advertiseHost = advertiseHost;
        }

        public String getCookie() {
            return cookie;
        }

        public void setCookie(String cookie) {
            this.cookie = cookie;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public Duration getHeartbeatTimeout() {
            return heartbeatTimeout;
        }

        public void setHeartbeatTimeout(Duration heartbeatTimeout) {
            this.heartbeatTimeout = heartbeatTimeout;
        }

        public boolean isConnectAll() {
            return connectAll;
        }

        public void setConnectAll(boolean connectAll) {
            this.connectAll = connectAll;
        }

        public int getMaxFrameSize() {
            return maxFrameSize;
        }

        public void setMaxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public Ssl getSsl() {
            return ssl;
        }

    }

    /** TLS for the links between nodes. */
    public static class Ssl {

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) that secures the links with mutual
         * TLS.
         */
        private String bundle;

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

    }

    /** The 'cluster' health contributor. */
    public static class Health {

        /**
         * Minimum number of members, this node not counted, for the 'cluster' health
         * contributor to report UP.
         */
        private int minMembers = 0;

        /**
         * Whether the 'cluster' health contributor reports OUT_OF_SERVICE while this node
         * is cut off from the cluster (see gen-cluster.isolation).
         */
        private boolean outOfServiceWhenIsolated = false;

        public int getMinMembers() {
            return minMembers;
        }

        public void setMinMembers(int minMembers) {
            this.minMembers = minMembers;
        }

        public boolean isOutOfServiceWhenIsolated() {
            return outOfServiceWhenIsolated;
        }

        public void setOutOfServiceWhenIsolated(boolean outOfServiceWhenIsolated) {
            this.outOfServiceWhenIsolated = outOfServiceWhenIsolated;
        }

    }

    /**
     * A peer that leaves this often within a window is flapping: dialled again only after
     * a hold-off that grows at each further leave.
     */
    public static class Flapping {

        /** Number of leaves within the window that make a peer flapping, at least 2. */
        private int leaves = 5;

        /**
         * Time within which leaves are counted; a flapping peer that has not left for
         * this long is stable again.
         */
        private Duration window = Duration.ofMinutes(1);

        public int getLeaves() {
            return leaves;
        }

        public void setLeaves(int leaves) {
            this.leaves = leaves;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

    }

    /**
     * This node is cut off when the links it lost within the window (broken, not closed
     * by a goodbye) are more than the fraction of the cluster, this node counted.
     */
    public static class Isolation {

        /**
         * Share of the cluster, this node counted, whose links must break within the
         * window for this node to count as cut off; above 0 and below 1. The default, one
         * half, is the minority side of a partition.
         */
        private double lostFraction = 0.5;

        /** Time within which the links must break. */
        private Duration window = Duration.ofSeconds(30);

        public double getLostFraction() {
            return lostFraction;
        }

        public void setLostFraction(double lostFraction) {
            this.lostFraction = lostFraction;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

    }

    /**
     * Bounds that keep one hostile or broken peer from making this node dial, remember or
     * open without end.
     */
    public static class Limits {

        /**
         * Maximum number of addresses kept of what one member announced (at most 1024
         * arrive in one frame).
         */
        private int maxAnnouncedAddresses = 1024;

        /**
         * Maximum number of peers waiting to be dialled; discovered peers go before
         * announced ones.
         */
        private int maxPendingPeers = 1024;

        /** Maximum number of dials in flight at once. */
        private int maxConcurrentDials = 64;

        /**
         * Comma-separated list of networks (CIDR, such as 10.0.0.0/8 or fd00::/8)
         * announced addresses must be in; empty for any.
         */
        private List<String> announcedNetworks = new ArrayList<>();

        public int getMaxAnnouncedAddresses() {
            return maxAnnouncedAddresses;
        }

        public void setMaxAnnouncedAddresses(int maxAnnouncedAddresses) {
            this.maxAnnouncedAddresses = maxAnnouncedAddresses;
        }

        public int getMaxPendingPeers() {
            return maxPendingPeers;
        }

        public void setMaxPendingPeers(int maxPendingPeers) {
            this.maxPendingPeers = maxPendingPeers;
        }

        public int getMaxConcurrentDials() {
            return maxConcurrentDials;
        }

        public void setMaxConcurrentDials(int maxConcurrentDials) {
            this.maxConcurrentDials = maxConcurrentDials;
        }

        public List<String> getAnnouncedNetworks() {
            return announcedNetworks;
        }

        public void setAnnouncedNetworks(List<String> announcedNetworks) {
            this.announcedNetworks = announcedNetworks;
        }

    }

    /** Application messages between members. */
    public static class Messaging {

        /** Time a request waits for its reply unless the call names its own timeout. */
        private Duration requestTimeout = Duration.ofSeconds(5);

        /**
         * Maximum number of received messages of one topic waiting for its handler; more
         * are dropped and counted, requests among them answered with INBOUND_FULL.
         */
        private int inboundQueuePerTopic = 10_000;

        /**
         * Bytes waiting to be written on one link above which sending a message on it
         * fails at once with OUTBOUND_FULL.
         */
        private DataSize outboundHighWaterMark = DataSize.ofMegabytes(4);

        /**
         * Number of threads that run handlers; each topic runs one message at a time, so
         * this bounds how many topics are handled at once.
         */
        private int handlerThreads = 8;

        /**
         * Maximum number of this node's requests awaiting replies at once; more fail at
         * once with TOO_MANY_REQUESTS.
         */
        private int maxPendingRequests = 65_536;

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public int getInboundQueuePerTopic() {
            return inboundQueuePerTopic;
        }

        public void setInboundQueuePerTopic(int inboundQueuePerTopic) {
            this.inboundQueuePerTopic = inboundQueuePerTopic;
        }

        public DataSize getOutboundHighWaterMark() {
            return outboundHighWaterMark;
        }

        public void setOutboundHighWaterMark(DataSize outboundHighWaterMark) {
            this.outboundHighWaterMark = outboundHighWaterMark;
        }

        public int getHandlerThreads() {
            return handlerThreads;
        }

        public void setHandlerThreads(int handlerThreads) {
            this.handlerThreads = handlerThreads;
        }

        public int getMaxPendingRequests() {
            return maxPendingRequests;
        }

        public void setMaxPendingRequests(int maxPendingRequests) {
            this.maxPendingRequests = maxPendingRequests;
        }

    }

}
