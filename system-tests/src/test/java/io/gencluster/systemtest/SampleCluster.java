package io.gencluster.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Five hello-cluster nodes, each in its own namespace, finding each other through
 * dnsmasq; shared by the scenarios (each scenario starts from {@link #ensureMeshed} and
 * leaves the cluster meshed). The settings are short so faults show within seconds:
 * heartbeats every 500 ms, a link silent for 3 s is dropped, discovery every 2 s, a 3 s
 * connect and handshake deadline.
 */
final class SampleCluster implements AutoCloseable {

    /** How many nodes form the cluster. */
    static final int SIZE = 5;

    static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * How long a member must be missing from DNS before it is pruned (three refreshes);
     * every node prunes, and a node that is cut off reports OUT_OF_SERVICE.
     */
    static final Duration PRUNE_AFTER = Duration.ofSeconds(6);

    /**
     * How long five JVMs may take to start and mesh on a busy two-core machine (about 20
     * s when it is idle).
     */
    static final Duration START_DEADLINE = Duration.ofSeconds(240);

    /** How the nodes find each other. */
    enum Discovery {

        /** A records of the cluster name. */
        A_RECORDS,
        /** SRV records {@code _cluster._tcp.<name>}. */
        SRV_RECORDS

    }

    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m", "-Djava.security.egd=file:/dev/urandom");

    private final NetworkLab lab;

    private final Path runDirectory;

    private final Path jar;

    private final DnsServer dns;

    private final String cookie = "gcst-" + UUID.randomUUID();

    private final List<SampleNode> nodes = new ArrayList<>();

    private final Map<String, SampleNode> extraNodes = new LinkedHashMap<>();

    private Discovery discovery;

    private SampleCluster(NetworkLab lab, Path runDirectory, Path jar) {
        this.lab = lab;
        this.runDirectory = runDirectory;
        this.jar = jar;
        this.dns = new DnsServer(lab.hub(), runDirectory, "hello.gcst.test");
        for (int i = 1; i <= SIZE; i++) {
            nodes.add(new SampleNode("n" + i, lab.host("n" + i, 10 + i), runDirectory.resolve("n" + i + ".log")));
        }
    }

    /**
     * Builds the lab, publishes the five nodes in DNS and starts dnsmasq; no node runs
     * yet.
     */
    static SampleCluster create() {
        Path jar = sampleJar();
        DnsServer.requireInstalled();
        requireCurl();
        Path runDirectory = runsDirectory().resolve("run-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(runDirectory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        NetworkLab lab = NetworkLab.create();
        try {
            SampleCluster cluster = new SampleCluster(lab, runDirectory, jar);
            cluster.dns.publish(cluster.dnsHosts(cluster.nodes));
            cluster.dns.start();
            System.out.println("[gcst] lab " + lab.hub().name() + ", DNS " + cluster.dns.nameserver() + ", logs in "
                    + runDirectory);
            return cluster;
        }
        catch (RuntimeException ex) {
            lab.close();
            throw ex;
        }
    }

    /**
     * Where runs keep their logs and figures:
     * {@code system-tests/target/system-test-runs}.
     */
    static Path runsDirectory() {
        return Path.of(System.getProperty("gencluster.runs.dir", "target/system-test-runs"));
    }

    /** The five cluster nodes. */
    List<SampleNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code n<number>}, 1-based. */
    SampleNode node(int number) {
        return nodes.get(number - 1);
    }

    /** The nodes other than {@code excluded}. */
    List<SampleNode> nodesExcept(SampleNode excluded) {
        return nodes.stream().filter(node -> node != excluded).toList();
    }

    /** The lab the nodes run in. */
    NetworkLab lab() {
        return lab;
    }

    /** The DNS server the nodes ask. */
    DnsServer dns() {
        return dns;
    }

    /** The cookie the five nodes share. */
    String cookie() {
        return cookie;
    }

    /**
     * A node outside the five, in its own namespace at {@code .hostNumber}, created on
     * first use and not started.
     */
    SampleNode extraNode(String name, int hostNumber) {
        return extraNodes.computeIfAbsent(name,
                key -> new SampleNode(name, lab.host(name, hostNumber), runDirectory.resolve(name + ".log")));
    }

    /** How DNS publishes these nodes (name, address, transport port). */
    List<DnsServer.Host> dnsHosts(Collection<SampleNode> published) {
        return published.stream()
            .map(node -> new DnsServer.Host(node.name(), node.address(), SampleNode.TRANSPORT_PORT))
            .toList();
    }

    /** Starts the node with the cluster's current discovery and cookie. */
    void start(SampleNode node) {
        start(node, discovery, cookie);
    }

    /** Starts the node with this discovery and cookie. */
    void start(SampleNode node, Discovery how, String withCookie) {
        node.start(jar, JVM_OPTIONS, arguments(node, how), Map.of("GEN_CLUSTER_TRANSPORT_COOKIE", withCookie));
    }

    /**
     * Brings the cluster back to five running, meshed nodes discovering through
     * {@code how}: every cable plugged in, every frozen node resumed, DNS up with exactly
     * the five nodes, dead nodes started, all nodes restarted when the discovery changes.
     * Returns how long meshing took.
     */
    Duration ensureMeshed(Discovery how) {
        nodes.forEach(node -> lab.plugIn(node.namespace()));
        nodes.stream().filter(SampleNode::alive).forEach(SampleNode::thaw);
        extraNodes.values().forEach(SampleNode::kill);
        dns.publish(dnsHosts(nodes));
        dns.start();
        if (how != discovery) {
            stopAll();
            discovery = how;
        }
        long started = System.nanoTime();
        nodes.stream().filter(node -> !node.alive()).forEach(this::start);
        awaitMesh(nodes, START_DEADLINE);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Stops every running node in order (SIGTERM to all at once, then waits for each to
     * exit).
     */
    void stopAll() {
        nodes.parallelStream().forEach(SampleNode::stop);
    }

    /**
     * Waits until every node of {@code group} has exactly the others of the group as
     * members, once each.
     */
    void awaitMesh(Collection<SampleNode> group, Duration deadline) {
        await("a full mesh of " + group).atMost(deadline)
            .pollInterval(Duration.ofMillis(250))
            .pollDelay(Duration.ZERO)
            .untilAsserted(() -> assertThat(meshProblems(group)).isEmpty());
    }

    /**
     * What keeps {@code group} from being a full mesh right now (members exactly the
     * others, once each); empty when it is one.
     */
    List<String> meshProblems(Collection<SampleNode> group) {
        return problems(group, true);
    }

    /**
     * What keeps every node of {@code group} from being linked to every other one, once,
     * in these views; members from outside the group are allowed, and a node whose view
     * is missing is left to the caller. Empty when all that answered are linked.
     */
    static List<String> linkProblems(Collection<SampleNode> group, Map<SampleNode, Optional<ClusterView>> views) {
        List<String> problems = new ArrayList<>();
        views.forEach((node, view) -> view.flatMap(answer -> memberProblem(node, answer, group, false))
            .ifPresent(problems::add));
        return problems;
    }

    private List<String> problems(Collection<SampleNode> group, boolean exact) {
        List<String> problems = new ArrayList<>();
        views(group).forEach((node, view) -> {
            if (view.isEmpty()) {
                problems.add(node.name() + " does not answer /actuator/cluster" + (node.alive() ? ""
                        : " (it exited; log " + node.log().file() + ":\n" + node.log().tail(30) + ")"));
                return;
            }
            memberProblem(node, view.get(), group, exact).ifPresent(problems::add);
        });
        return problems;
    }

    private static Optional<String> memberProblem(SampleNode node, ClusterView view, Collection<SampleNode> group,
            boolean exact) {
        Set<String> expected = new HashSet<>();
        group.stream().filter(peer -> peer != node).forEach(peer -> expected.add(peer.id()));
        List<String> seen = view.memberIds();
        boolean duplicates = new HashSet<>(seen).size() != seen.size();
        boolean linked = exact ? new HashSet<>(seen).equals(expected) : seen.containsAll(expected);
        if (duplicates || !linked) {
            return Optional.of(node.name() + " has members " + seen + ", expected " + (exact ? "" : "at least ")
                    + expected + (duplicates ? " (a peer listed twice)" : ""));
        }
        return Optional.empty();
    }

    /**
     * Each node's endpoint right now (empty for one that does not answer), read in
     * parallel.
     */
    Map<SampleNode, Optional<ClusterView>> views(Collection<SampleNode> group) {
        Map<SampleNode, Optional<ClusterView>> views = new LinkedHashMap<>();
        group.parallelStream()
            .map(node -> Map.entry(node, node.view()))
            .toList()
            .forEach(entry -> views.put(entry.getKey(), entry.getValue()));
        return views;
    }

    /** One node's endpoint right now, failing when it does not answer. */
    ClusterView view(SampleNode node) {
        return node.view()
            .orElseThrow(() -> new AssertionError(node.name() + " does not answer /actuator/cluster; log "
                    + node.log().file() + ":\n" + node.log().tail(30)));
    }

    @Override
    public void close() {
        try {
            extraNodes.values().forEach(SampleNode::kill);
            nodes.stream().filter(SampleNode::alive).forEach(SampleNode::kill);
            dns.close();
        }
        finally {
            lab.close();
        }
    }

    private List<String> arguments(SampleNode node, Discovery how) {
        List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
                "--logging.pattern.dateformat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "--server.port=" + SampleNode.HTTP_PORT,
                "--management.endpoints.web.exposure.include=cluster,health",
                "--gen-cluster.refresh-interval=" + REFRESH_INTERVAL.toMillis() + "ms",
                "--gen-cluster.discovery.strategy=dns", "--gen-cluster.discovery.dns.nameservers=" + dns.nameserver(),
                "--gen-cluster.discovery.dns.lookup-timeout=1s",
                "--gen-cluster.transport.port=" + SampleNode.TRANSPORT_PORT,
                "--gen-cluster.transport.bind-address=" + node.address(),
                "--gen-cluster.transport.advertise-host=" + node.address(),
                "--gen-cluster.transport.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms",
                "--gen-cluster.transport.heartbeat-interval=" + HEARTBEAT_INTERVAL.toMillis() + "ms",
                "--gen-cluster.transport.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toMillis() + "ms",
                "--gen-cluster.prune-undiscovered=true",
                "--gen-cluster.prune-undiscovered-after=" + PRUNE_AFTER.toMillis() + "ms",
                "--gen-cluster.health.out-of-service-when-isolated=true"));
        if (how == Discovery.A_RECORDS) {
            arguments.add("--gen-cluster.discovery.dns.domain=" + dns.domain());
            arguments.add("--gen-cluster.discovery.dns.record-type=a");
            // only DNS may introduce peers here, so the mesh proves every A record was
            // used
            arguments.add("--gen-cluster.transport.connect-all=false");
        }
        else {
            arguments.add("--gen-cluster.discovery.dns.domain=" + dns.srvName());
            arguments.add("--gen-cluster.discovery.dns.record-type=srv");
        }
        return arguments;
    }

    private static Path sampleJar() {
        Path jar = Path.of(System.getProperty("gencluster.sample.jar",
                "../samples/hello-cluster/target/hello-cluster-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The sample's jar " + jar.toAbsolutePath() + " is missing; build it first: "
                    + "./mvnw -B -DskipTests package -pl samples/hello-cluster -am (./mvnw verify also builds it)");
        }
        return jar.toAbsolutePath();
    }

    private static void requireCurl() {
        if (!HostCommand.attempt(Duration.ofSeconds(10), "sh", "-c", "command -v curl").succeeded()) {
            throw new IllegalStateException("curl is not installed; the system tests read each node's endpoint with it "
                    + "from inside the node's namespace: apt-get install -y curl");
        }
    }

}
