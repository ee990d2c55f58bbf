package io.gencluster.transport;

import java.io.IOException;

/**
 * A peer answered but no link was made: why is in {@link #getReason()}, the detail in the
 * message.
 */
public class PeerRejectedException extends IOException {

    /** Why a handshake did not end in a link. */
    public enum Reason {

        /**
         * The handshake did not decrypt under the cookie's key: another cookie, or not a
         * gen-cluster node.
         */
        AUTHENTICATION_FAILED,
        /** The peer speaks another protocol version. */
        PROTOCOL_VERSION,
        /** The peer sent bytes that are not the protocol. */
        PROTOCOL_ERROR,
        /** The handshake did not finish within its deadline. */
        HANDSHAKE_TIMEOUT,
        /** The address leads back to this node. */
        SELF_CONNECTION,
        /** TLS failed: no certificate, an untrusted one, or a plaintext peer. */
        TLS_FAILED,
        /**
         * Both nodes dialled each other at once and the peer kept its own link: the dial
         * waited for that link, which did not come up within the handshake timeout.
         */
        DUPLICATE_LINK

    }

    private final Reason reason;

    /**
     * Creates the exception.
     * @param reason why the handshake failed
     * @param message what happened and, where there is one, the fix
     */
    public PeerRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the handshake failed. */
    public Reason getReason() {
        return reason;
    }

}
