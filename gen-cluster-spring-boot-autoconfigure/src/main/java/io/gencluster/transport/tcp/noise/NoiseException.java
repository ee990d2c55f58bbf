package io.gencluster.transport.tcp.noise;

/**
 * A Noise message or frame that must be refused: it failed authentication, has the wrong
 * shape, carries a peer key that would make the shared secret predictable, or would reuse
 * a nonce. Checked, so a handler that parses bytes from the network has to decide what a
 * refusal means for its link.
 *
 * @see <a href="https://noiseprotocol.org/noise.html">The Noise Protocol Framework,
 * revision 34</a>
 */
public final class NoiseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the bytes were refused. */
    public enum Reason {

        /**
         * The AEAD tag did not verify: another key (another cookie), tampered bytes, or
         * the wrong nonce.
         */
        DECRYPT_FAILED,
        /** The message is shorter or longer than this step of the protocol allows. */
        MALFORMED_MESSAGE,
        /**
         * The peer's public key is a small-order point: the Diffie-Hellman output would
         * be all zeros.
         */
        INVALID_PUBLIC_KEY,
        /**
         * The nonce reached 2^64-1, which the spec reserves: the key must not be used
         * again.
         */
        NONCE_EXHAUSTED

    }

    private final Reason reason;

    NoiseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    NoiseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why the bytes were refused.
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

}
