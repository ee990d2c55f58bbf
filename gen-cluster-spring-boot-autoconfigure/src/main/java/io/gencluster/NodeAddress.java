package io.gencluster;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a node can be reached: an optional node name, a host (name or IP literal, IPv6
 * allowed) and a port. Parsed from {@code name@host:port}, {@code host:port},
 * {@code [v6]:port} or {@code host}; a port of {@link #UNSPECIFIED_PORT} means "the
 * transport's default port".
 *
 * @param name the node name, or {@code null} when the address does not say
 * @param host a host name or an IP literal (an IPv6 literal without brackets)
 * @param port the TCP port, or {@link #UNSPECIFIED_PORT}
 */
public record NodeAddress(@Nullable String name, String host, int port) {

    /** The port of an address that leaves the choice to the transport. */
    public static final int UNSPECIFIED_PORT = 0;

    private static final String FORMS = "expected name@host:port, host:port, [ipv6]:port or host";

    /** Longest node name or host accepted, in characters (a DNS name has at most 253). */
    private static final int MAX_PART_LENGTH = 255;

    /**
     * Checks and normalises the parts: host names are compared without case and without a
     * trailing dot, IPv6 literals in their shortest form ({@code fd00::1}), so every
     * source writes an address alike.
     */
    public NodeAddress {
        if (name != null) {
            requirePrintable("node name", name, MAX_PART_LENGTH);
        }
        requirePrintable("host", Objects.requireNonNull(host, "host"), MAX_PART_LENGTH);
        if (name != null && (name.isEmpty() || hasWhiteSpaceOr(name, "@"))) {
            throw new IllegalArgumentException(
                    "Invalid node name '" + name + "': a node name must be non-empty, without '@' or white space");
        }
        Objects.requireNonNull(host, "host");
        boolean plain = isPlainHost(host);
        host = plain ? host : normaliseHost(host);
        if (!plain && (host.isEmpty() || hasWhiteSpaceOr(host, "/@"))) {
            throw new IllegalArgumentException("Invalid host '" + host + "': " + FORMS);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "Invalid port " + port + " for host '" + host + "': a port is a number from 1 to 65535");
        }
    }

    /** An address of a host at the transport's default port, with no name. */
    public static NodeAddress of(String host) {
        return new NodeAddress(null, host, UNSPECIFIED_PORT);
    }

    /** An address of a host and port, with no name. */
    public static NodeAddress of(String host, int port) {
        return new NodeAddress(null, host, port);
    }

    /**
     * Parses {@code name@host:port}, {@code host:port}, {@code [v6]:port}, {@code v6} or
     * {@code host}.
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static NodeAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Empty node address: " + FORMS);
        }
        requirePrintable("node address", text, 2 * MAX_PART_LENGTH + 7);
        String rest = text.strip();
        String name = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            name = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid node address '" + text + "': empty name before '@'; " + FORMS);
            }
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid node address '" + text + "': '[' without ']'; " + FORMS);
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException(
                            "Invalid node address '" + text + "': expected ':port' after ']'");
                }
                portText = after.substring(1);
            }
        }
        else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            host = rest;
        }
        else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? null : rest.substring(colon + 1);
        }
        int port = portText == null ? UNSPECIFIED_PORT : parsePort(text, portText);
        try {
            return new NodeAddress(name, host, port);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid node address '" + text + "': " + ex.getMessage(), ex);
        }
    }

    private static int parsePort(String text, String portText) {
        try {
            int port = Integer.parseInt(portText);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ex) {
            // reported below with the whole address
        }
        throw new IllegalArgumentException(
                "Invalid node address '" + text + "': port '" + portText + "' is not a number from 1 to 65535");
    }

    /**
     * Whether a host is already in normal form and needs no work: lower-case letters,
     * digits, dots and hyphens, not ending in a dot (addresses are built often, mostly
     * from normal hosts).
     */
    private static boolean isPlainHost(String host) {
        int length = host.length();
        if (length == 0 || host.charAt(length - 1) == '.') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String normaliseHost(String host) {
        String stripped = host.strip();
        if (stripped.startsWith("[") && stripped.endsWith("]")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        if (stripped.endsWith(".") && stripped.length() > 1) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        return lower.indexOf(':') >= 0 ? Ipv6Literals.canonical(lower) : lower;
    }

    /**
     * Refuses control characters and overlong text before any message quotes it:
     * addresses also come from peers, and a message that quoted them verbatim could forge
     * log lines.
     */
    private static void requirePrintable(String part, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("Invalid " + part + ": longer than " + maxLength + " characters");
        }
        if (hasControlCharacter(text)) {
            throw new IllegalArgumentException("Invalid " + part + ": it contains control characters");
        }
    }

    /**
     * Whether the text has white space or one of the given characters (plain loops here:
     * peers' addresses pass by the thousand).
     */
    private static boolean hasWhiteSpaceOr(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || characters.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the port was given; otherwise the transport's default port applies. */
    public boolean hasPort() {
        return port != UNSPECIFIED_PORT;
    }

    /** This address with the given port when it names none. */
    public NodeAddress withDefaultPort(int defaultPort) {
        return hasPort() ? this : new NodeAddress(name, host, defaultPort);
    }

    /** This address without its name: the endpoint a transport dials. */
    public NodeAddress withoutName() {
        return name == null ? this : new NodeAddress(null, host, port);
    }

    /**
     * Whether the host is an IPv6 literal, written in brackets when followed by a port.
     */
    public boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** {@code host:port} (IPv6 in brackets), without the name. */
    public String endpoint() {
        String shownHost = isIpv6Literal() ? "[" + host + "]" : host;
        return hasPort() ? shownHost + ":" + port : shownHost;
    }

    /** The parseable form: {@code name@host:port}, parts left out when absent. */
    @Override
    public String toString() {
        return name == null ? endpoint() : name + "@" + endpoint();
    }
}
