package io.gencluster.discovery.dns;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq for tests: started from a config file in a temp dir on a free loopback
 * port (UDP and TCP), serving only the records given, never reading
 * {@code /etc/resolv.conf} or {@code /etc/hosts}. Records in ({@link #hostRecord},
 * {@link #ptrRecord}, {@link #srvHost}, {@link #local}), {@link #nameserver()} out,
 * {@link #close()} stops it. Fails, never skips, when dnsmasq is not installed.
 */
public final class Dnsmasq implements AutoCloseable {

    /** What a test fails with when dnsmasq is missing. */
    public static final String NOT_INSTALLED = "dnsmasq not found: apt-get install -y dnsmasq-base";

    private static final List<String> LOCATIONS = List.of("/usr/sbin/dnsmasq", "/usr/bin/dnsmasq",
            "/usr/local/sbin/dnsmasq");

    private final Path directory;

    private final int port;

    private Process process;

    private Dnsmasq(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts dnsmasq with the given configuration lines (usually made by the static
     * helpers) and waits until it answers.
     */
    public static Dnsmasq start(List<String> records) throws IOException {
        String executable = executable();
        for (int attempt = 1;; attempt++) {
            Dnsmasq dnsmasq = new Dnsmasq(Files.createTempDirectory("dnsmasq-test"), freePort());
            try {
                dnsmasq.launch(executable, records);
                return dnsmasq;
            }
            catch (IllegalStateException ex) {
                dnsmasq.close();
                if (attempt == 5 || !ex.getMessage().contains("Address already in use")) {
                    throw ex;
                }
            }
        }
    }

    /**
     * {@code host-record}: an A (or AAAA) record for the name, and a PTR back unless a
     * {@link #ptrRecord} says otherwise.
     */
    public static String hostRecord(String name, String address) {
        return "host-record=" + name + "," + address;
    }

    /** {@code ptr-record}: the name an address maps back to. */
    public static String ptrRecord(String address, String name) {
        try {
            return "ptr-record=" + ReverseMap.fromAddress(address).toString(true) + "," + name;
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Not an IP address: " + address, ex);
        }
    }

    /**
     * {@code srv-host}: an SRV record {@code service} pointing at {@code target:port}.
     */
    public static String srvHost(String service, String target, int port) {
        return "srv-host=" + service + "," + target + "," + port;
    }

    /**
     * {@code local}: dnsmasq answers NXDOMAIN for unknown names under this domain instead
     * of REFUSED.
     */
    public static String local(String domain) {
        return "local=/" + domain + "/";
    }

    /** The port dnsmasq listens on, UDP and TCP, on 127.0.0.1. */
    public int port() {
        return this.port;
    }

    /** This server as a {@code gen-cluster.discovery.dns.nameservers} entry. */
    public String nameserver() {
        return "127.0.0.1:" + this.port;
    }

    /** Restarts dnsmasq on the same port with other records, as a zone change would. */
    public void restartWith(List<String> records) throws IOException {
        stopProcess();
        launch(executable(), records);
    }

    private void launch(String executable, List<String> records) throws IOException {
        Path config = this.directory.resolve("dnsmasq.conf");
        Path log = this.directory.resolve("dnsmasq.log");
        List<String> lines = new ArrayList<>(List.of("port=" + this.port, "listen-address=127.0.0.1", "bind-interfaces",
                "no-resolv", "no-hosts", "no-poll", "local-ttl=1", "log-facility=-",
                "pid-file=" + this.directory.resolve("dnsmasq.pid")));
        lines.addAll(records);
        Files.write(config, lines, StandardCharsets.UTF_8);
        this.process = new ProcessBuilder(executable, "--conf-file=" + config, "--keep-in-foreground")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        Awaitility.await("dnsmasq on port " + this.port + " answering")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> {
                if (!this.process.isAlive()) {
                    throw new IllegalStateException("dnsmasq exited with " + this.process.exitValue() + ": "
                            + Files.readString(log) + "\nconfig:\n" + String.join("\n", lines));
                }
                return answers();
            });
    }

    private boolean answers() {
        try {
            SimpleResolver resolver = new SimpleResolver(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
            resolver.setTimeout(Duration.ofMillis(200));
            resolver.send(Message.newQuery(Record.newRecord(Name.fromString("ready.invalid."), Type.A, DClass.IN)));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String executable() {
        Stream<String> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(folder -> folder + "/dnsmasq");
        return Stream.concat(onPath, LOCATIONS.stream())
            .filter(path -> new File(path).canExecute())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
    }

    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        while (true) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                    ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return udp.getLocalPort();
            }
            catch (IOException ex) {
                // that port is taken over TCP: try another
            }
        }
    }

    private void stopProcess() {
        if (this.process == null) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        this.process = null;
    }

    /** Stops dnsmasq and deletes its files. */
    @Override
    public void close() throws IOException {
        stopProcess();
        try (Stream<Path> files = Files.walk(this.directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

}
