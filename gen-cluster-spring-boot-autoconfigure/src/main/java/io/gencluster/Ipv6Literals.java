package io.gencluster;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The canonical text of an IPv6 literal (RFC 5952: lower case, no leading zeros, the
 * longest run of zero groups as {@code ::}), so {@code fd00:0:0:0:0:0:0:1} from a
 * resolver and {@code fd00::1} from configuration are one address.
 */
final class Ipv6Literals {

    private Ipv6Literals() {
    }

    /**
     * @param literal text containing ':'
     * @throws IllegalArgumentException when it is not an IPv6 literal
     */
    static String canonical(String literal) {
        InetAddress address;
        try {
            // A text with ':' is parsed as a literal by the JDK, never looked up.
            address = InetAddress.getByName(literal.startsWith("[") ? literal : "[" + literal + "]");
        }
        catch (UnknownHostException | SecurityException ex) {
            throw new IllegalArgumentException("'" + literal + "' is not an IPv6 address");
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        String[] groups = address.getHostAddress().replaceFirst("%.*$", "").split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < groups.length; start++) {
            int length = 0;
            while (start + length < groups.length && groups[start + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

}
