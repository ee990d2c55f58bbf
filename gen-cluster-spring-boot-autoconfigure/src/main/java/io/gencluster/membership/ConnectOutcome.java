package io.gencluster.membership;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.gencluster.transport.PeerRejectedException;

/**
 * How one attempt to dial a peer ended; the tag values of the {@code gen.cluster.connect}
 * metric.
 */
public enum ConnectOutcome {

    /** An authenticated link is up. */
    SUCCESS("success"),
    /** Nobody listened at the address, or the host was unknown. */
    REFUSED("refused"),
    /** The dial or the handshake passed its deadline. */
    TIMEOUT("timeout"),
    /** The peer's answer proved another cookie. */
    AUTH_FAILED("auth-failed"),
    /** TLS could not be agreed. */
    TLS_FAILED("tls-failed"),
    /** The address was this node itself. */
    SELF("self"),
    /**
     * Anything else: the peer spoke another protocol or version, or the link broke during
     * the handshake.
     */
    ERROR("error");

    private final String tag;

    ConnectOutcome(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }

    /** Classifies the failure of a connect attempt. */
    public static ConnectOutcome of(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof PeerRejectedException rejected) {
            return switch (rejected.getReason()) {
                case AUTHENTICATION_FAILED -> AUTH_FAILED;
                case TLS_FAILED -> TLS_FAILED;
                case HANDSHAKE_TIMEOUT, DUPLICATE_LINK -> TIMEOUT;
                case SELF_CONNECTION -> SELF;
                case PROTOCOL_VERSION, PROTOCOL_ERROR -> ERROR;
            };
        }
        // Transports report dial timeouts with their own types (Netty's
        // ConnectTimeoutException
        // is a ConnectException), so the name decides before the refused check.
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")) {
            return TIMEOUT;
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return REFUSED;
        }
        return ERROR;
    }

    /** The message of a failure, for the pending peers: the first cause that has one. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

}
