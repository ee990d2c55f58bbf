package io.gencluster.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare
 * address is a block of one. Announced addresses are matched as IP literals only: a host
 * name is never looked up, so a peer cannot make this node resolve names of its choosing.
 *
 * @param network the first address of the block
 * @param prefixLength how many leading bits every address of the block shares with it
 */
public record IpNetwork(InetAddress network, int prefixLength) {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Checks the prefix length fits the address family. */
    public IpNetwork {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " does not fit "
                    + network.getHostAddress() + ": use 0 to " + bits);
        }
    }

    /**
     * Parses {@code address/prefix} or a bare address.
     * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 block
     */
    public static IpNetwork parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "'" + cidr + "' is not a network in CIDR notation, such as 10.0.0.0/8 or fd00::/8"));
        int bits = network.getAddress().length * 8;
        try {
            return new IpNetwork(network, slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1)));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length after '/'");
        }
    }

    /** Whether a host is an IP literal inside this block; host names never are. */
    public boolean contains(String host) {
        return literal(host).filter(this::contains).isPresent();
    }

    /** Whether an address is inside this block (of the same family). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] block = network.getAddress();
        if (candidate.length != block.length) {
            return false;
        }
        int whole = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, whole, block, 0, whole)) {
            return false;
        }
        int rest = prefixLength % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[whole] & mask) == (block[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    /**
     * The address an IP literal names, without any lookup; empty for a host name or
     * garbage.
     */
    static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (IPV4_LITERAL.matcher(bare).matches()) {
                byte[] octets = new byte[4];
                String[] parts = bare.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    octets[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(octets));
            }
            // A text with ':' in brackets is parsed by the JDK as an IPv6 literal, never
            // looked up.
            return bare.contains(":") ? Optional.of(InetAddress.getByName("[" + bare + "]")) : Optional.empty();
        }
        catch (UnknownHostException | SecurityException ex) {
            return Optional.empty();
        }
    }
}
