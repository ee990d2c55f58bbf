package io.gencluster.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * dnsmasq in the lab's hub namespace, answering only from its own config file: one A
 * record per node under {@link #domain()}, a host name per node, and SRV records
 * {@code _cluster._tcp.<domain>} pointing at those names and the transport port. It never
 * reads {@code /etc/resolv.conf} or {@code /etc/hosts} and forwards nothing. Records are
 * changed by rewriting the file and restarting.
 */
final class DnsServer implements AutoCloseable {

    /** The SRV service label nodes query: {@code _cluster._tcp.<domain>}. */
    static final String SRV_PREFIX = "_cluster._tcp.";

    private final Namespace hub;

    private final Path configFile;

    private final Path logFile;

    private final String domain;

    private List<Host> hosts = List.of();

    private Process process;

    /**
     * A node as DNS publishes it: its host name (a label under the domain), its address
     * and transport port.
     */
    record Host(String label, String address, int port) {
    }

    DnsServer(Namespace hub, Path runDirectory, String domain) {
        this.hub = hub;
        this.configFile = runDirectory.resolve("dnsmasq.conf");
        this.logFile = runDirectory.resolve("dnsmasq.log");
        this.domain = domain;
    }

    /** The name whose A records list every node. */
    String domain() {
        return domain;
    }

    /** The name whose SRV records list every node. */
    String srvName() {
        return SRV_PREFIX + domain;
    }

    /**
     * {@code address:53}, as the nodes' {@code gen-cluster.discovery.dns.nameservers}
     * wants it.
     */
    String nameserver() {
        return hub.address() + ":53";
    }

    /**
     * Publishes exactly these hosts, restarting the server when it runs and the hosts
     * change.
     */
    synchronized void publish(List<Host> hosts) {
        if (this.hosts.equals(hosts)) {
            return;
        }
        this.hosts = List.copyOf(hosts);
        boolean wasRunning = running();
        stop();
        writeConfig();
        if (wasRunning) {
            start();
        }
    }

    /**
     * Starts the server and waits until it answers (its log says it started), failing if
     * dnsmasq is missing.
     */
    synchronized void start() {
        if (running()) {
            return;
        }
        writeConfig();
        long logStart = logLength();
        List<String> command = hub.command("dnsmasq", "--keep-in-foreground", "--log-facility=-",
                "--conf-file=" + configFile);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot start dnsmasq: " + ex.getMessage(), ex);
        }
        Process started = process;
        await("dnsmasq on " + nameserver() + " to start").atMost(Duration.ofSeconds(10)).until(() -> {
            String output = logSince(logStart);
            if (!started.isAlive()) {
                throw new IllegalStateException("dnsmasq exited with " + started.exitValue() + ": " + output.strip()
                        + " (is it installed? apt-get install -y dnsmasq-base)");
            }
            return output.contains("started, version");
        });
    }

    /** Stops the server; lookups are then refused (nothing listens on port 53). */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Whether dnsmasq is running. */
    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Checks the tool exists before anything is built, so a missing package fails first
     * and clearly.
     */
    static void requireInstalled() {
        HostCommand.Result version = HostCommand.attempt(Duration.ofSeconds(10), "sh", "-c", "command -v dnsmasq");
        if (!version.succeeded()) {
            throw new IllegalStateException(
                    "dnsmasq is not installed; the system tests need it: apt-get install -y dnsmasq-base");
        }
    }

    private long logLength() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private String logSince(long offset) {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(logFile);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>(List.of("port=53", "listen-address=" + hub.address(), "bind-interfaces",
                "no-resolv", "no-hosts", "no-poll",
                // authoritative for the domain: NODATA for the AAAA of a name with only
                // an A record, NXDOMAIN for unknown names
                "local=/" + domain + "/", "pid-file=", "user=root", "local-ttl=0", "log-queries"));
        for (Host host : hosts) {
            lines.add("host-record=" + domain + "," + host.address());
            lines.add("host-record=" + host.label() + "." + domain + "," + host.address());
            lines.add("srv-host=" + srvName() + "," + host.label() + "." + domain + "," + host.port() + ",0,10");
        }
        try {
            Files.write(configFile, lines);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
