package io.gencluster.transport.tcp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.gencluster.transport.PeerRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections peers opened to this node that have not authenticated yet, in
 * all and per source address: a connection past either bound is closed at once and
 * counted, so a flood of half-open connections holds a few handshake slots until the
 * deadline rather than the node's memory. Also keeps the warnings such connections cause
 * to one line per kind and {@link #WARNING_INTERVAL}. Shared by every accepted connection
 * of one transport; thread-safe.
 */
final class HandshakeAdmission {

    /**
     * The shortest time between two warnings of one kind about unauthenticated
     * connections.
     */
    static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(HandshakeAdmission.class);

    private final int maxConnections;

    private final int maxPerAddress;

    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    private final RateLimitedWarning refusals = new RateLimitedWarning(logger, WARNING_INTERVAL);

    private final Map<PeerRejectedException.Reason, RateLimitedWarning> failures = new EnumMap<>(
            PeerRejectedException.Reason.class);

    private int total;

    private long refused;

    HandshakeAdmission(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Takes a handshake slot for a new connection from {@code source}.
     * @return the slot, to be released when the connection authenticates or closes;
     * {@code null} when a bound is reached and the connection must close
     */
    Permit admit(InetAddress source) {
        String refusal;
        synchronized (this) {
            int fromSource = perAddress.getOrDefault(source, 0);
            if (total < maxConnections && fromSource < maxPerAddress) {
                total++;
                perAddress.put(source, fromSource + 1);
                return new Permit(source);
            }
            refused++;
            refusal = "Refused a connection from " + source.getHostAddress() + ": "
                    + (total >= maxConnections ? maxConnections + " connections in all"
                            : maxPerAddress + " connections from that address")
                    + " are already in the handshake (" + refused + " refused so far)";
        }
        refusals.warn(refusal);
        return null;
    }

    /** How many connections were closed at once because a bound was reached. */
    synchronized long refusedConnections() {
        return refused;
    }

    /**
     * How many source addresses have a connection in the handshake: an address is
     * forgotten with its last one, so a flood from many addresses leaves nothing behind.
     */
    synchronized int sourcesInHandshake() {
        return perAddress.size();
    }

    /**
     * Logs why an accepted connection failed its handshake: at most one WARN per reason
     * and interval.
     */
    void handshakeFailed(PeerRejectedException.Reason reason, String message) {
        RateLimitedWarning warning;
        synchronized (this) {
            warning = failures.computeIfAbsent(reason, ignored -> new RateLimitedWarning(logger, WARNING_INTERVAL));
        }
        warning.warn(message);
    }

    private synchronized void release(InetAddress source) {
        total--;
        perAddress.computeIfPresent(source, (address, count) -> count > 1 ? count - 1 : null);
    }

    /** One connection's handshake slot; releasing it more than once releases it once. */
    final class Permit {

        private final InetAddress source;

        private boolean released;

        private Permit(InetAddress source) {
            this.source = source;
        }

        /** Gives the slot back: the connection authenticated or closed. */
        void release() {
            synchronized (HandshakeAdmission.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            HandshakeAdmission.this.release(source);
        }

    }

}
