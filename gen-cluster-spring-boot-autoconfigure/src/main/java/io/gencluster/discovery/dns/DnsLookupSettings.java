package io.gencluster.discovery.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which name servers DNS discovery asks and how long it waits. No name servers means the
 * system's resolver configuration ({@code /etc/resolv.conf}: servers, search domains,
 * ndots), read the way dnsjava's {@code Lookup} reads it.
 *
 * @param nameservers name servers as {@code host}, {@code host:port}, {@code [ipv6]:port}
 * or a bare IPv6 literal (port 53 when not given); empty for the system's configuration
 * @param lookupTimeout how long one {@code discover()} or one host resolution may take in
 * all
 */
public record DnsLookupSettings(List<String> nameservers, Duration lookupTimeout) {

    /** How long a lookup may take when not configured. */
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private static final int DNS_PORT = 53;

    private static final String FORMS = "expected host, host:port, [ipv6]:port or an IPv6 literal";

    /**
     * Checks the settings at once, so a bad name server fails the start rather than the
     * first lookup.
     * @throws IllegalArgumentException naming the bad entry
     */
    public DnsLookupSettings {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        lookupTimeout = lookupTimeout == null ? DEFAULT_LOOKUP_TIMEOUT : lookupTimeout;
        if (lookupTimeout.isNegative() || lookupTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid DNS lookup timeout '" + lookupTimeout
                    + "': a lookup timeout must be positive, such as 5s");
        }
        nameservers.forEach(DnsLookupSettings::parseServer);
    }

    /** The system's resolver configuration with the default timeout. */
    public static DnsLookupSettings systemDefaults() {
        return new DnsLookupSettings(List.of(), DEFAULT_LOOKUP_TIMEOUT);
    }

    /** Whether the system's resolver configuration applies (no name servers given). */
    public boolean usesSystemConfiguration() {
        return nameservers.isEmpty();
    }

    /** The configured name servers as socket addresses, in the order given. */
    public List<InetSocketAddress> servers() {
        List<InetSocketAddress> servers = new ArrayList<>();
        nameservers.forEach(entry -> servers.add(parseServer(entry)));
        return servers;
    }

    private static InetSocketAddress parseServer(String entry) {
        if (entry == null || entry.isBlank()) {
            throw invalid(entry, "empty entry");
        }
        String text = entry.strip();
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(entry, "'[' without ']'");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(entry, "expected ':port' after ']'");
                }
                port = after.substring(1);
            }
        }
        else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text;
        }
        else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(entry, "empty host or white space");
        }
        int portNumber = port == null ? DNS_PORT : parsePort(entry, port);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), portNumber);
        }
        catch (UnknownHostException ex) {
            throw invalid(entry, "unknown host '" + host + "'");
        }
    }

    private static int parsePort(String entry, String port) {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // reported below with the whole entry
        }
        throw invalid(entry, "port '" + port + "' is not a number from 1 to 65535");
    }

    private static IllegalArgumentException invalid(String entry, String problem) {
        return new IllegalArgumentException("Invalid name server '" + entry + "': " + problem + "; " + FORMS);
    }
}
