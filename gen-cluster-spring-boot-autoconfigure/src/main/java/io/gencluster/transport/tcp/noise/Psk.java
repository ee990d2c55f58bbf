package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;

/**
 * The 32-byte pre-shared key both ends mix into the handshake, derived from the cluster
 * cookie with HKDF under a label of its own, so the same cookie used elsewhere yields
 * unrelated keys. Neither the cookie nor this key crosses the wire; a peer with another
 * cookie fails the first handshake message. The key is as strong as the cookie: a party
 * that sees a first message can test guesses offline, so the cookie must be random, as
 * {@code CookieFile} makes it.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#pre-shared-symmetric-keys">The Noise
 * Protocol Framework, revision 34, §9</a>
 */
public final class Psk {

    /** Bytes of a Noise PSK. */
    static final int LENGTH = 32;

    /** HKDF salt: names this derivation and its version. */
    private static final byte[] SALT = "gen-cluster cookie v1".getBytes(StandardCharsets.US_ASCII);

    /** HKDF info: names what the key is for. */
    private static final byte[] INFO = "Noise_NNpsk0 psk".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    private Psk(byte[] key) {
        this.key = key;
    }

    /**
     * The PSK of a cookie:
     * {@code HKDF-Expand(HKDF-Extract("gen-cluster cookie v1", UTF-8(cookie)),
     * "Noise_NNpsk0 psk", 32)}.
     * @param cookie the cluster cookie, not empty
     * @return its PSK
     */
    public static Psk fromCookie(String cookie) {
        if (cookie.isEmpty()) {
            throw new IllegalArgumentException("the cookie is empty");
        }
        return new Psk(Hkdf.expand(Hkdf.extract(SALT, cookie.getBytes(StandardCharsets.UTF_8)), INFO, LENGTH));
    }

    /**
     * A PSK from its 32 bytes; for test vectors.
     * @param key 32 bytes
     */
    static Psk of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a Noise PSK has " + LENGTH + " bytes, not " + key.length);
        }
        return new Psk(key.clone());
    }

    /** A copy of the key. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "Psk[32 bytes, not shown]";
    }

}
