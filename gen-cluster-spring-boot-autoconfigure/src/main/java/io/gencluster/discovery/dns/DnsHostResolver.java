package io.gencluster.discovery.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves the hosts of discovered peers through the same name servers as DNS discovery,
 * so an SRV target or PTR name that only those servers know can still be dialled. IP
 * literals are returned as they are, without a query. Blocks up to the lookup timeout;
 * never call it on a network thread. Its {@link #resolve} fits the transport's host
 * resolver as a method reference.
 */
public final class DnsHostResolver {

    private final DnsClient client;

    private final boolean preferIpv6;

    /**
     * Creates the resolver.
     * @param client the name servers to ask
     * @param preferIpv6 whether AAAA addresses come before A addresses (both are asked
     * for)
     */
    public DnsHostResolver(DnsClient client, boolean preferIpv6) {
        this.client = Objects.requireNonNull(client, "client");
        this.preferIpv6 = preferIpv6;
    }

    /**
     * Resolves a host name or IP literal, asking for both address families.
     * @return at least one address, the preferred family first
     * @throws UnknownHostException when the host is unknown or no name server answered in
     * time
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String text = host.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        InetAddress literal = literal(text);
        if (literal != null) {
            return List.of(literal);
        }
        Name name = name(text);
        CompletableFuture<List<Record>> first = this.client.lookup(name, this.preferIpv6 ? Type.AAAA : Type.A);
        CompletableFuture<List<Record>> second = this.client.lookup(name, this.preferIpv6 ? Type.A : Type.AAAA);
        // One family failing (a server that refuses AAAA) must not hide the other's
        // addresses: fail
        // only when no family gave an address and at least one failed.
        CompletableFuture<List<InetAddress>> both = first.handle(FamilyAnswer::new)
            .thenCombine(second.handle(FamilyAnswer::new), (preferred, other) -> {
                List<InetAddress> addresses = new ArrayList<>();
                preferred.addTo(addresses);
                other.addTo(addresses);
                Throwable failure = preferred.failure() != null ? preferred.failure() : other.failure();
                if (addresses.isEmpty() && failure != null) {
                    throw failure instanceof CompletionException completion ? completion
                            : new CompletionException(failure);
                }
                return addresses;
            });
        List<InetAddress> addresses;
        try {
            addresses = this.client.await(both, "A/AAAA lookup of " + text);
        }
        catch (DnsLookupException ex) {
            throw unknown(ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw unknown("Interrupted while resolving " + text, ex);
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(text + ": no A or AAAA record at " + this.client.servers());
        }
        return addresses;
    }

    private static InetAddress literal(String text) throws UnknownHostException {
        boolean isLiteral = Address.isDottedQuad(text) || Address.toByteArray(text, Address.IPv6) != null;
        return isLiteral ? Address.getByAddress(text) : null;
    }

    private static Name name(String text) throws UnknownHostException {
        try {
            return Name.fromString(text);
        }
        catch (TextParseException ex) {
            throw unknown("Invalid host name '" + text + "': " + ex.getMessage(), ex);
        }
    }

    private static InetAddress address(Record record) {
        return record instanceof AAAARecord aaaa ? aaaa.getAddress() : ((ARecord) record).getAddress();
    }

    private static UnknownHostException unknown(String message, Exception cause) {
        UnknownHostException ex = new UnknownHostException(message);
        ex.initCause(cause);
        return ex;
    }

    /** What one address family's lookup gave: its records, or why it failed. */
    private record FamilyAnswer(List<Record> records, Throwable failure) {

        void addTo(List<InetAddress> addresses) {
            if (records != null) {
                records.forEach(record -> addresses.add(address(record)));
            }
        }
    }

}
