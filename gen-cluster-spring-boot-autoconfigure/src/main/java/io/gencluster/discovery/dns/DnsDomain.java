package io.gencluster.discovery.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Parses the domain that DNS discovery queries into a DNS name, failing at once with a
 * message that names the value.
 */
final class DnsDomain {

    private DnsDomain() {
    }

    /**
     * The domain as a name: absolute with a trailing dot, otherwise relative (the
     * system's search domains complete it when no name servers are configured).
     */
    static Name parse(String domain) {
        if (domain == null || domain.isBlank() || domain.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Invalid DNS domain '" + domain
                    + "': a DNS name such as orders.prod.svc.cluster.local is required");
        }
        try {
            return Name.fromString(domain.strip());
        }
        catch (TextParseException ex) {
            throw new IllegalArgumentException("Invalid DNS domain '" + domain + "': " + ex.getMessage(), ex);
        }
    }

}
