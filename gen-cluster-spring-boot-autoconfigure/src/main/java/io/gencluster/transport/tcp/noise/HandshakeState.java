package io.gencluster.transport.tcp.noise;

import java.util.Arrays;
import java.util.function.Supplier;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;

/**
 * One end of a {@code Noise_NNpsk0_25519_AESGCM_SHA256} handshake: two messages,
 * {@code -> psk, e} and {@code <- e, ee}. Only holders of the PSK can produce or read
 * either message, and each end's role, the prologue and every byte exchanged are bound
 * into the keys, so a relay can neither splice two initiators together nor inject a frame
 * later. Not thread-safe; one per connection.
 *
 * <pre>{@code
 * // initiator                                   // responder
 * hs = HandshakeState.initiator(psk, prologue);  hs = HandshakeState.responder(psk, prologue);
 * send(hs.writeMessage(hello));                  peerHello = hs.readMessage(received);
 * peerHello = hs.readMessage(received);          send(hs.writeMessage(hello));
 * NoiseSession session = hs.split();             NoiseSession session = hs.split();
 * }</pre>
 *
 * Any {@link NoiseException} ends the handshake: later calls throw
 * {@link IllegalStateException}.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#the-handshakestate-object">The Noise
 * Protocol Framework, revision 34, §5.3</a>
 * @see <a href="https://noiseprotocol.org/noise.html#handshake-patterns">The Noise
 * Protocol Framework, revision 34, §7 (NN)</a>
 * @see <a href="https://noiseprotocol.org/noise.html#pre-shared-symmetric-keys">The Noise
 * Protocol Framework, revision 34, §9 (psk0)</a>
 */
public final class HandshakeState {

    /** Full protocol name, hashed into the initial state. */
    static final String PROTOCOL_NAME = "Noise_NNpsk0_25519_AESGCM_SHA256";

    /** Longest Noise message, handshake or transport. */
    public static final int MAX_MESSAGE_LENGTH = 65535;

    /**
     * Shortest message of either step: an ephemeral public key, then the tag of an empty
     * payload.
     */
    public static final int MIN_MESSAGE_LENGTH = X25519.KEY_LENGTH + CipherState.TAG_LENGTH;

    /** Longest payload either handshake message can carry. */
    public static final int MAX_PAYLOAD_LENGTH = MAX_MESSAGE_LENGTH - MIN_MESSAGE_LENGTH;

    private enum Step {

        WRITE_FIRST, READ_FIRST, WRITE_SECOND, READ_SECOND, COMPLETE, SPLIT, FAILED

    }

    private final boolean initiator;

    private final SymmetricState symmetric;

    private final byte[] psk;

    private final Supplier<X25519.Keys> ephemeralSource;

    private X25519.Keys ephemeral;

    private byte[] remoteEphemeral;

    private Step step;

    private HandshakeState(boolean initiator, Psk psk, byte[] prologue, Supplier<X25519.Keys> ephemeralSource) {
        this.initiator = initiator;
        this.psk = psk.bytes();
        this.ephemeralSource = ephemeralSource;
        this.symmetric = new SymmetricState(PROTOCOL_NAME);
        this.symmetric.mixHash(prologue);
        this.step = initiator ? Step.WRITE_FIRST : Step.READ_FIRST;
    }

    /**
     * The end that dialled: writes the first message.
     * @param psk the cluster's pre-shared key
     * @param prologue context both ends must agree on, never sent; a mismatch fails the
     * first message
     * @return a handshake ready for {@link #writeMessage}
     */
    public static HandshakeState initiator(Psk psk, byte[] prologue) {
        return new HandshakeState(true, psk, prologue, X25519::generate);
    }

    /**
     * The end that accepted: reads the first message.
     * @param psk the cluster's pre-shared key
     * @param prologue context both ends must agree on, never sent; a mismatch fails the
     * first message
     * @return a handshake ready for {@link #readMessage}
     */
    public static HandshakeState responder(Psk psk, byte[] prologue) {
        return new HandshakeState(false, psk, prologue, X25519::generate);
    }

    /** An initiator with a fixed ephemeral private key; for test vectors only. */
    static HandshakeState initiator(Psk psk, byte[] prologue, byte[] ephemeralPrivateKey) {
        X25519.Keys keys = X25519.fromPrivateKey(ephemeralPrivateKey);
        return new HandshakeState(true, psk, prologue, () -> keys);
    }

    /** A responder with a fixed ephemeral private key; for test vectors only. */
    static HandshakeState responder(Psk psk, byte[] prologue, byte[] ephemeralPrivateKey) {
        X25519.Keys keys = X25519.fromPrivateKey(ephemeralPrivateKey);
        return new HandshakeState(false, psk, prologue, () -> keys);
    }

    /**
     * Whether this end dialled.
     * @return {@code true} for the initiator
     */
    public boolean isInitiator() {
        return initiator;
    }

    /**
     * Whether the next call is {@link #writeMessage}; {@code false} when it is
     * {@link #readMessage} or when the handshake is over.
     * @return whether this end sends next
     */
    public boolean isWriteTurn() {
        return step == Step.WRITE_FIRST || step == Step.WRITE_SECOND;
    }

    /**
     * Whether both messages have passed, so {@link #split()} can be called once.
     * @return whether the handshake completed
     */
    public boolean isComplete() {
        return step == Step.COMPLETE || step == Step.SPLIT;
    }

    /**
     * Writes this end's next message.
     * @param payload what to send with it, encrypted and authenticated, at most
     * {@link #MAX_PAYLOAD_LENGTH} bytes
     * @return the message to send
     * @throws NoiseException with {@link Reason#INVALID_PUBLIC_KEY} when the responder
     * received a small-order ephemeral key
     * @throws IllegalStateException when it is not this end's turn to write
     */
    public byte[] writeMessage(byte[] payload) throws NoiseException {
        if (payload.length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException(
                    "a handshake payload has at most " + MAX_PAYLOAD_LENGTH + " bytes, not " + payload.length);
        }
        Step expected = initiator ? Step.WRITE_FIRST : Step.WRITE_SECOND;
        requireStep(expected, "write");
        try {
            byte[] message = initiator ? writeFirst(payload) : writeSecond(payload);
            step = initiator ? Step.READ_SECOND : Step.COMPLETE;
            return message;
        }
        catch (NoiseException | RuntimeException ex) {
            step = Step.FAILED;
            throw ex;
        }
    }

    /**
     * Reads the peer's next message; the bytes may come from anyone.
     * @param message the message as received
     * @return the payload the peer sent with it
     * @throws NoiseException with {@link Reason#MALFORMED_MESSAGE} for a message shorter
     * than {@value #MIN_MESSAGE_LENGTH} or longer than {@value #MAX_MESSAGE_LENGTH}
     * bytes, {@link Reason#DECRYPT_FAILED} when it does not authenticate (another PSK or
     * prologue, a message meant for another handshake, or altered bytes), and
     * {@link Reason#INVALID_PUBLIC_KEY} for a small-order ephemeral key
     * @throws IllegalStateException when it is not this end's turn to read
     */
    public byte[] readMessage(byte[] message) throws NoiseException {
        Step expected = initiator ? Step.READ_SECOND : Step.READ_FIRST;
        requireStep(expected, "read");
        try {
            if (message.length < MIN_MESSAGE_LENGTH || message.length > MAX_MESSAGE_LENGTH) {
                throw new NoiseException(Reason.MALFORMED_MESSAGE, "handshake message of " + message.length
                        + " bytes; expected " + MIN_MESSAGE_LENGTH + " to " + MAX_MESSAGE_LENGTH);
            }
            byte[] payload = initiator ? readSecond(message) : readFirst(message);
            step = initiator ? Step.COMPLETE : Step.WRITE_SECOND;
            return payload;
        }
        catch (NoiseException | RuntimeException ex) {
            step = Step.FAILED;
            throw ex;
        }
    }

    /**
     * The transport keys of a completed handshake, each end's sending key being the
     * other's receiving key. Once only: a second pair of the same keys would reuse
     * nonces.
     * @return the session
     * @throws IllegalStateException when the handshake has not completed, or was split
     * already
     */
    public NoiseSession split() {
        requireStep(Step.COMPLETE, "split");
        step = Step.SPLIT;
        SymmetricState.Split split = symmetric.split();
        byte[] handshakeHash = symmetric.handshakeHash();
        Arrays.fill(psk, (byte) 0);
        return initiator ? new NoiseSession(split.initiatorToResponder(), split.responderToInitiator(), handshakeHash)
                : new NoiseSession(split.responderToInitiator(), split.initiatorToResponder(), handshakeHash);
    }

    /** Handshake hash so far; for tests. */
    byte[] handshakeHash() {
        return symmetric.handshakeHash();
    }

    /** {@code -> psk, e}, then the payload. */
    private byte[] writeFirst(byte[] payload) throws NoiseException {
        symmetric.mixKeyAndHash(psk);
        ephemeral = ephemeralSource.get();
        mixEphemeral(ephemeral.publicKey());
        return concat(ephemeral.publicKey(), symmetric.encryptAndHash(payload));
    }

    private byte[] readFirst(byte[] message) throws NoiseException {
        symmetric.mixKeyAndHash(psk);
        remoteEphemeral = Arrays.copyOf(message, X25519.KEY_LENGTH);
        mixEphemeral(remoteEphemeral);
        return symmetric.decryptAndHash(Arrays.copyOfRange(message, X25519.KEY_LENGTH, message.length));
    }

    /** {@code <- e, ee}, then the payload. */
    private byte[] writeSecond(byte[] payload) throws NoiseException {
        ephemeral = ephemeralSource.get();
        mixEphemeral(ephemeral.publicKey());
        symmetric.mixKey(X25519.dh(ephemeral.privateKey(), remoteEphemeral));
        return concat(ephemeral.publicKey(), symmetric.encryptAndHash(payload));
    }

    private byte[] readSecond(byte[] message) throws NoiseException {
        remoteEphemeral = Arrays.copyOf(message, X25519.KEY_LENGTH);
        mixEphemeral(remoteEphemeral);
        symmetric.mixKey(X25519.dh(ephemeral.privateKey(), remoteEphemeral));
        return symmetric.decryptAndHash(Arrays.copyOfRange(message, X25519.KEY_LENGTH, message.length));
    }

    /**
     * Token {@code e} in a PSK handshake: the public key is hashed and, as §9.2 requires,
     * mixed into the key.
     */
    private void mixEphemeral(byte[] publicKey) {
        symmetric.mixHash(publicKey);
        symmetric.mixKey(publicKey);
    }

    private void requireStep(Step expected, String action) {
        if (step != expected) {
            throw new IllegalStateException("cannot " + action + " now: the " + (initiator ? "initiator" : "responder")
                    + "'s handshake is at " + step);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

}
