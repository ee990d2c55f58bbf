package io.gencluster.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network of one test run, built from network namespaces only: a hub namespace
 * holding a bridge (with the DNS server's address on it) and one namespace per host, each
 * cabled to the bridge by a veth pair. Nothing is added to the host's own namespace and
 * no namespace has a route off the bridge, so test traffic can only flow between
 * namespaces this lab made. Closing the lab (or the JVM exiting, or the next run's sweep)
 * kills every process inside and deletes every namespace, which also removes the bridge
 * and the veth pairs.
 */
final class NetworkLab implements AutoCloseable {

    /**
     * Every namespace this suite makes starts with this, so stale ones can be found and
     * removed.
     */
    static final String PREFIX = "gcst-";

    private static final Pattern LAB_NAMESPACE = Pattern.compile("^" + PREFIX + "([0-9a-z]+)-\\S+");

    private static final AtomicInteger LABS = new AtomicInteger();

    private final String labId;

    private final String linkPrefix;

    private final String subnet;

    private final Namespace hub;

    private final Map<String, Namespace> hosts = new LinkedHashMap<>();

    private final Thread shutdownHook = new Thread(this::destroy, "gcst-cleanup");

    private boolean closed;

    private NetworkLab(String ownerPid, int sequence, String subnet) {
        this.labId = ownerPid + "-" + sequence;
        this.linkPrefix = "g" + Integer.toString(sequence, 36) + "x" + ownerPid;
        this.subnet = subnet;
        this.hub = new Namespace(PREFIX + labId + "-hub", subnet + "1", bridgeName());
    }

    /**
     * Builds a lab with just the hub; fails with a clear message when not root or when
     * {@code ip netns} does not work here, after removing what earlier runs left behind.
     */
    static NetworkLab create() {
        requireRootAndNetns();
        sweepStaleNamespaces();
        String ownerPid = Long.toString(ProcessHandle.current().pid(), 36);
        String subnet = "10.213." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
        NetworkLab lab = new NetworkLab(ownerPid, LABS.getAndIncrement() % 36, subnet);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.buildHub();
        }
        catch (RuntimeException ex) {
            lab.close();
            throw ex;
        }
        return lab;
    }

    /** The names of every namespace of this lab, hub first. */
    synchronized List<String> namespaceNames() {
        List<String> names = new ArrayList<>(List.of(hub.name()));
        hosts.values().forEach(host -> names.add(host.name()));
        return names;
    }

    /** The hub's address on the bridge, where the DNS server listens. */
    String hubAddress() {
        return hub.address();
    }

    /** The namespace holding the bridge. */
    Namespace hub() {
        return hub;
    }

    /**
     * The host namespace called {@code label}, made and cabled to the bridge on first use
     * at {@code .hostNumber}.
     */
    synchronized Namespace host(String label, int hostNumber) {
        Namespace existing = hosts.get(label);
        if (existing != null) {
            return existing;
        }
        if (hostNumber < 2 || hostNumber > 254) {
            throw new IllegalArgumentException("host number must be within 2..254, was " + hostNumber);
        }
        String link = linkPrefix + "v" + hostNumber;
        Namespace namespace = new Namespace(PREFIX + labId + "-" + label, subnet + hostNumber, link);
        HostCommand.run("ip", "netns", "add", namespace.name());
        hosts.put(label, namespace);
        namespace.run("ip", "link", "set", "lo", "up");
        hub.run("ip", "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace.name());
        hub.run("ip", "link", "set", link, "master", bridgeName(), "up");
        namespace.run("ip", "addr", "add", namespace.address() + "/24", "dev", "eth0");
        namespace.run("ip", "link", "set", "eth0", "up");
        return namespace;
    }

    /**
     * Unplugs the host's cable at the bridge: its packets and those sent to it are lost,
     * with no reset.
     */
    void unplug(Namespace host) {
        hub.run("ip", "link", "set", host.bridgeSideLink(), "down");
    }

    /** Plugs the host's cable back in. */
    void plugIn(Namespace host) {
        hub.run("ip", "link", "set", host.bridgeSideLink(), "up");
    }

    @Override
    public synchronized void close() {
        destroy();
        if (!closed) {
            closed = true;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (IllegalStateException ex) {
                // the JVM is already shutting down and the hook is running or has run
            }
        }
    }

    private String bridgeName() {
        return linkPrefix + "br";
    }

    private void buildHub() {
        HostCommand.run("ip", "netns", "add", hub.name());
        hub.run("ip", "link", "set", "lo", "up");
        hub.run("ip", "link", "add", bridgeName(), "type", "bridge");
        hub.run("ip", "addr", "add", hub.address() + "/24", "dev", bridgeName());
        hub.run("ip", "link", "set", bridgeName(), "up");
    }

    private synchronized void destroy() {
        List<String> names = new ArrayList<>();
        hosts.values().forEach(host -> names.add(host.name()));
        names.add(hub.name());
        names.forEach(NetworkLab::removeNamespace);
        hosts.clear();
    }

    private static void requireRootAndNetns() {
        String uid = HostCommand.run("id", "-u").strip();
        if (!"0".equals(uid)) {
            throw new IllegalStateException(
                    "The system tests need root (they create network namespaces); running as uid " + uid
                            + ". Run them as root, as .ci/run does: ./mvnw -Psystem-tests -pl system-tests verify");
        }
        String probe = PREFIX + "probe-" + ProcessHandle.current().pid();
        HostCommand.Result added = HostCommand.attempt(Duration.ofSeconds(10), "ip", "netns", "add", probe);
        if (!added.succeeded()) {
            throw new IllegalStateException("`ip netns add` does not work here (" + added.output().strip()
                    + "). The system tests need root with CAP_SYS_ADMIN and iproute2 (apt-get install -y iproute2).");
        }
        HostCommand.run("ip", "netns", "del", probe);
    }

    /**
     * Removes namespaces that earlier runs left behind (their JVM is gone), with every
     * process inside them.
     */
    private static void sweepStaleNamespaces() {
        for (String line : HostCommand.run("ip", "netns", "list").split("\n")) {
            Matcher matcher = LAB_NAMESPACE.matcher(line.strip());
            if (matcher.find() && !ownerAlive(matcher.group(1))) {
                removeNamespace(line.strip().split("\\s+")[0]);
            }
        }
    }

    private static boolean ownerAlive(String runId) {
        try {
            long pid = Long.parseLong(runId, 36);
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().command())
                .map(c -> c.endsWith("java"))
                .orElse(false);
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static void removeNamespace(String name) {
        HostCommand.Result pids = HostCommand.attempt(Duration.ofSeconds(10), "ip", "netns", "pids", name);
        if (pids.succeeded()) {
            for (String pid : pids.output().split("\\s+")) {
                if (!pid.isBlank()) {
                    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid.strip()));
                    process.ifPresent(ProcessHandle::destroyForcibly);
                    process.ifPresent(NetworkLab::awaitExit);
                }
            }
        }
        HostCommand.attempt(Duration.ofSeconds(10), "ip", "netns", "del", name);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            // a process that does not die within 5 s after SIGKILL is in the kernel's
            // hands; deleting the namespace still detaches it
        }
    }

}
