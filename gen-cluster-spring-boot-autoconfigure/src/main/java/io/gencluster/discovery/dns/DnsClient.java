package io.gencluster.discovery.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Asks the configured name servers (or the system's) for records, without blocking and
 * without a cache, so each refresh sees the zone as it is now. One instance serves both
 * DNS strategies and {@link DnsHostResolver}, so names that only those servers know still
 * connect.
 *
 * <p>
 * A missing name (NXDOMAIN) or an empty answer gives an empty list; any other failure
 * (timeout, SERVFAIL, REFUSED, malformed reply) a {@link DnsLookupException} that names
 * the name, the type, the servers and what happened. Truncated UDP answers are asked
 * again over TCP by dnsjava's resolver; CNAME chains are followed.
 */
public final class DnsClient {

    private static final Logger logger = LoggerFactory.getLogger(DnsClient.class);

    private static final int ATTEMPTS_PER_SERVER = 2;

    private static final int CALLBACK_THREADS = 2;

    private final LookupSession session;

    private final Duration lookupTimeout;

    private final String servers;

    /**
     * Builds the dnsjava resolver from the settings: with name servers, an
     * {@link ExtendedResolver} of one {@link SimpleResolver} per server; without, the
     * system's servers, search domains and ndots, and the hosts file, as dnsjava's
     * {@code Lookup} uses them.
     * @param settings the name servers and the lookup timeout
     */
    public DnsClient(DnsLookupSettings settings) {
        this.lookupTimeout = settings.lookupTimeout();
        LookupSession.LookupSessionBuilder builder = LookupSession.builder();
        List<InetSocketAddress> addresses;
        if (settings.usesSystemConfiguration()) {
            ResolverConfig system = ResolverConfig.getCurrentConfig();
            addresses = system.servers();
            builder.searchPath(system.searchPath()).ndots(system.ndots()).defaultHostsFileParser();
        }
        else {
            addresses = settings.servers();
        }
        this.session = builder.resolver(resolver(addresses, this.lookupTimeout)).executor(callbackExecutor()).build();
        String list = addresses.stream().map(DnsClient::endpoint).collect(Collectors.joining(", "));
        this.servers = settings.usesSystemConfiguration() ? "the system's name servers (" + list + ")" : list;
    }

    private static Resolver resolver(List<InetSocketAddress> addresses, Duration timeout) {
        // Each attempt gets an equal share of the timeout, so a lost datagram or a silent
        // first server
        // leaves time to ask again or ask the next one.
        Duration perAttempt = timeout.dividedBy((long) ATTEMPTS_PER_SERVER * Math.max(1, addresses.size()));
        List<Resolver> servers = addresses.stream().map(address -> {
            SimpleResolver server = new SimpleResolver(address);
            server.setTimeout(perAttempt);
            return (Resolver) server;
        }).toList();
        ExtendedResolver resolver = new ExtendedResolver(servers);
        resolver.setRetries(ATTEMPTS_PER_SERVER);
        resolver.setTimeout(timeout);
        return resolver;
    }

    /**
     * Two daemon threads for dnsjava's completions and this package's callbacks (all
     * short), apart from the common pool an application may fill; idle threads end, so a
     * client needs no closing.
     */
    private static Executor callbackExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(CALLBACK_THREADS, CALLBACK_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "gen-cluster-dns");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static String endpoint(InetSocketAddress address) {
        // the system configuration may list servers unresolved
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** How long one lookup, or one discovery with its follow-up lookups, may take. */
    public Duration lookupTimeout() {
        return this.lookupTimeout;
    }

    /** The servers asked, as error messages show them, such as {@code 127.0.0.1:5353}. */
    public String servers() {
        return this.servers;
    }

    /**
     * Looks up the records of one type of a name, following CNAME chains.
     * @param name an absolute name, or a relative one the search domains complete
     * @param type a dnsjava {@link Type} constant
     * @return the records of that type; empty for NXDOMAIN or an empty answer. Fails with
     * a {@link DnsLookupException} otherwise, and at the latest after the lookup timeout.
     */
    CompletableFuture<List<Record>> lookup(Name name, int type) {
        CompletableFuture<LookupResult> asked;
        try {
            asked = this.session.lookupAsync(name, type).toCompletableFuture();
        }
        catch (RuntimeException ex) {
            // a resolver that cannot even send (an unresolved server address) throws
            // instead of failing the future
            asked = CompletableFuture.failedFuture(ex);
        }
        return asked.orTimeout(this.lookupTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((result, failure) -> {
            if (failure == null) {
                return result.getRecords().stream().filter(record -> record.getType() == type).toList();
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
                logger.debug("{} lookup of {} at {}: no such records", Type.string(type), show(name), this.servers);
                return List.of();
            }
            throw new CompletionException(failure(name, type, cause));
        });
    }

    /**
     * Waits for lookups started from this client, at most the lookup timeout.
     * @param lookups the lookups to wait for
     * @param what what they are, for the message when they take too long, such as
     * {@code dns a example.org}
     * @throws DnsLookupException when a lookup failed or the time ran out
     */
    <T> T await(CompletableFuture<T> lookups, String what) throws DnsLookupException, InterruptedException {
        try {
            return lookups.get(this.lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            lookups.cancel(false);
            throw new DnsLookupException(
                    what + " at " + this.servers + " failed: no answer within " + this.lookupTimeout.toMillis() + "ms",
                    ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = unwrap(ex);
            if (cause instanceof DnsLookupException dns) {
                throw dns;
            }
            throw new DnsLookupException(what + " at " + this.servers + " failed: " + cause, cause);
        }
    }

    private DnsLookupException failure(Name name, int type, Throwable cause) {
        return new DnsLookupException(
                Type.string(type) + " lookup of " + show(name) + " at " + this.servers + " failed: " + reason(cause),
                cause);
    }

    private String reason(Throwable cause) {
        if (isTimeout(cause)) {
            return "no answer within " + this.lookupTimeout.toMillis() + "ms";
        }
        if (cause instanceof ServerFailedException) {
            return "SERVFAIL";
        }
        if (cause instanceof WireParseException || cause.getCause() instanceof WireParseException) {
            return "malformed answer (" + cause.getMessage() + ")";
        }
        if (cause instanceof LookupFailedException) {
            // dnsjava names other rcodes (REFUSED, NOTIMP...) only in the message
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static boolean isTimeout(Throwable cause) {
        // ExtendedResolver reports its own deadline as a plain IOException "Timed out
        // while trying to resolve ..."
        return cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                || (cause instanceof IOException && String.valueOf(cause.getMessage()).startsWith("Timed out"));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A name as people write it: without the final dot. */
    static String show(Name name) {
        return name.toString(true);
    }

}
