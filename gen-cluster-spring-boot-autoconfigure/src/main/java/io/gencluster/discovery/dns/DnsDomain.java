package io.gencluster.discovery.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Parses the {@code gen-cluster.discovery.dns.domain} property into a DNS name, failing at start
 * with a message that names the property and the value.
 */
final class DnsDomain {

    /** The property that holds the domain, named in error messages. */
    static final String PROPERTY = "gen-cluster.discovery.dns.domain";

    private DnsDomain() {
    }

    /**
     * The domain as a name: absolute with a trailing dot, otherwise relative (the system's search
     * domains complete it when no name servers are configured).
     */
    static Name parse(String domain) {
        if (domain == null || domain.isBlank() || domain.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Invalid " + PROPERTY + " '" + domain
                    + "': a DNS name such as orders.prod.svc.cluster.local is required");
        }
        try {
            return Name.fromString(domain.strip());
        }
        catch (TextParseException ex) {
            throw new IllegalArgumentException("Invalid " + PROPERTY + " '" + domain + "': " + ex.getMessage(), ex);
        }
    }
}
