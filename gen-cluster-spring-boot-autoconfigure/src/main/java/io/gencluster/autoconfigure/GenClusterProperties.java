package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.dns.HostType;
import io.gencluster.discovery.dns.RecordType;

/**
 * Configuration of gen-cluster, under {@code gen-cluster}. Nothing starts, and no port opens,
 * until {@code gen-cluster.discovery.strategy} is set or a {@code DiscoveryStrategy} bean exists.
 * Every value is checked at start; a bad one fails the start naming the property, the value and
 * what is accepted.
 */
@ConfigurationProperties("gen-cluster")
public class GenClusterProperties implements Validator {

    /** Whether gen-cluster runs at all when configured; false keeps a configured application out of the cluster. */
    private boolean enabled = true;

    /** The name part of this node's id (name@host:port); defaults to spring.application.name, else "gen-cluster". */
    private String nodeName;

    /** How often discovery runs and missing peers are dialled: a duration, or 'infinity' to connect once at start and never reconnect. */
    private RefreshInterval refreshInterval = RefreshInterval.of(Duration.ofSeconds(5));

    /** Whether members that discovery no longer returns are disconnected (reason PRUNED). */
    private boolean pruneUndiscovered = false;

    /** How peers are found. */
    private final Discovery discovery = new Discovery();

    /** The links between nodes. */
    private final Transport transport = new Transport();

    /** The 'cluster' health contributor. */
    private final Health health = new Health();

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

    public boolean isPruneUndiscovered() {
        return pruneUndiscovered;
    }

    public void setPruneUndiscovered(boolean pruneUndiscovered) {
        this.pruneUndiscovered = pruneUndiscovered;
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

        /** The strategies to use (static, dns, epmd); their answers are joined. Setting this turns gen-cluster on. */
        private List<DiscoveryKind> strategy = new ArrayList<>();

        /** The 'static' strategy: a fixed list of nodes. */
        private final Static staticNodes = new Static();

        /** The 'dns' strategy: A, AAAA or SRV records. */
        private final Dns dns = new Dns();

        /** The 'epmd' strategy: nodes registered on port mappers. */
        private final Epmd epmd = new Epmd();

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
    }

    /** The 'static' strategy. */
    public static class Static {

        /** The nodes to connect to, each name@host:port, host:port, [ipv6]:port or host (then the transport port). */
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

        /** The name to query, such as the headless service orders.prod.svc.cluster.local or _cluster._tcp.orders.prod.svc.cluster.local for SRV. */
        private String domain;

        /** Which records list the peers: a (A, or AAAA with ipv6) or srv. */
        private RecordType recordType = RecordType.A;

        /** How peers are named: ip, or hostname (PTR lookup for A records, the target for SRV); default ip for a, hostname for srv. */
        private HostType hostType;

        /** Whether to query AAAA records instead of A (also for resolving SRV targets with host-type ip). */
        private boolean ipv6 = false;

        /** The deadline of each lookup. */
        private Duration lookupTimeout = Duration.ofSeconds(5);

        /** DNS servers to ask, each host[:port]; empty means the system's resolver configuration (/etc/resolv.conf). */
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

        /** The host type in force: the one set, else ip for A records and hostname for SRV. */
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

        /** The hosts whose port mappers are asked; 'localhost' means this node's own host. */
        private List<String> hosts = new ArrayList<>(List.of("localhost"));

        /** The port mapper's port, as ERL_EPMD_PORT. */
        private int port = 4369;

        /** Whether this node runs a port mapper on loopback when none answers on this host. */
        private boolean embedded = true;

        /** The deadline of each port-mapper query. */
        private Duration lookupTimeout = Duration.ofSeconds(5);

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

        /** The port this node listens on for peers; 0 picks any free port. */
        private int port = 4370;

        /** The local address to listen on. */
        private String bindAddress = "0.0.0.0";

        /** The host peers should dial to reach this node; default the bind address, or this machine's first site-local address when bound to all. */
        private String advertiseHost;

        /** The shared secret every node must have (never sent); default read from ~/.gen-cluster.cookie, which is created when absent. */
        private String cookie;

        /** The deadline to dial a peer and to finish the handshake. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** How often a heartbeat is sent on an idle link. */
        private Duration heartbeatInterval = Duration.ofSeconds(1);

        /** How long a link may stay silent before the peer is dropped (reason HEARTBEAT_TIMEOUT). */
        private Duration heartbeatTimeout = Duration.ofSeconds(10);

        /** Whether members announce their members and this node dials those it lacks, as Erlang's global does. */
        private boolean connectAll = true;

        /** The largest frame accepted from a peer, in bytes. */
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

        /** The Spring Boot SSL bundle (spring.ssl.bundle.*) whose key and trust material the links use: TLS 1.3, both sides verified. */
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

        /** The fewest members (peers, this node not counted) for the 'cluster' contributor to report UP. */
        private int minMembers = 0;

        public int getMinMembers() {
            return minMembers;
        }

        public void setMinMembers(int minMembers) {
            this.minMembers = minMembers;
        }
    }
}
