package io.gencluster.transport.tcp.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

import javax.crypto.KeyAgreement;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;

/**
 * Noise's {@code 25519} DH functions on the JDK's X25519, with keys as the raw 32 bytes
 * that cross the wire: a public key is the little-endian u-coordinate, a private key the
 * scalar before clamping.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#the-25519-dh-functions">The Noise
 * Protocol Framework, revision 34, §12.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7748#section-5">RFC 7748 §5</a>
 */
final class X25519 {

    /** Bytes of a public key, a private key and a DH output ({@code DHLEN}). */
    static final int KEY_LENGTH = 32;

    private static final String ALGORITHM = "X25519";

    /** The base point's u-coordinate: DH with it gives a private key's public key. */
    private static final byte[] BASE_POINT = encodeU(BigInteger.valueOf(9));

    /**
     * Each thread draws private keys from its own DRBG. The JDK's default generator runs
     * every thread of the JVM through one lock: with a handshake on every event loop at
     * once, half of them were found blocked on it (100 nodes forming in one JVM), and
     * handshakes ran out of time behind a holder the scheduler had put aside.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(X25519::newRandom);

    private X25519() {
    }

    /** A key pair: the JDK private key, and the public key as it is sent. */
    record Keys(PrivateKey privateKey, byte[] publicKey) {
    }

    /**
     * {@code GENERATE_KEYPAIR()}: a fresh random key pair, from this thread's generator.
     */
    static Keys generate() {
        return generate(random());
    }

    /** A fresh key pair drawn from the given generator. */
    static Keys generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.X25519, random);
            KeyPair pair = generator.generateKeyPair();
            return new Keys(pair.getPrivate(), encodeU(((XECPublicKey) pair.getPublic()).getU()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("X25519 is not available in this JVM", ex);
        }
    }

    /** The generator this thread draws private keys from. */
    static SecureRandom random() {
        return RANDOM.get();
    }

    /**
     * The JDK's NIST SP 800-90A generator, seeded from the system's entropy source; the
     * default generator where a JVM's providers lack it.
     */
    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException ex) {
            return new SecureRandom();
        }
    }

    /**
     * The key pair of a given private key; for test vectors, where the ephemeral keys are
     * fixed.
     * @param privateKey 32 bytes
     */
    static Keys fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an X25519 private key has " + KEY_LENGTH + " bytes, not " + privateKey.length);
        }
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
            return new Keys(key, dh(key, BASE_POINT));
        }
        catch (GeneralSecurityException | NoiseException ex) {
            throw new IllegalStateException("X25519 could not derive a public key", ex);
        }
    }

    /**
     * {@code DH(key_pair, public_key)}.
     * @param privateKey own private key
     * @param peerPublicKey the peer's public key as received, 32 bytes
     * @return the 32-byte shared secret
     * @throws NoiseException with {@link Reason#INVALID_PUBLIC_KEY} when the secret would
     * be all zeros, that is, when the peer sent a small-order point
     */
    static byte[] dh(PrivateKey privateKey, byte[] peerPublicKey) throws NoiseException {
        byte[] secret;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance(ALGORITHM);
            agreement.init(privateKey);
            agreement.doPhase(decodePublicKey(peerPublicKey), true);
            secret = agreement.generateSecret();
        }
        catch (InvalidKeyException ex) {
            // The JDK refuses an all-zero result here itself ("Point has small order").
            throw smallOrder(ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("X25519 is not available in this JVM", ex);
        }
        int bits = 0;
        for (byte b : secret) {
            bits |= b;
        }
        if (bits == 0) {
            throw smallOrder(null);
        }
        return secret;
    }

    /**
     * A public key from its 32 wire bytes: little-endian, top bit masked as RFC 7748
     * requires.
     * @param publicKey 32 bytes
     */
    static PublicKey decodePublicKey(byte[] publicKey) throws GeneralSecurityException {
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an X25519 public key has " + KEY_LENGTH + " bytes, not " + publicKey.length);
        }
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = publicKey[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return KeyFactory.getInstance(ALGORITHM)
            .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    }

    /** A u-coordinate as 32 little-endian bytes. */
    static byte[] encodeU(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] littleEndian = new byte[KEY_LENGTH];
        // toByteArray may lead with a sign byte; u < 2^255 keeps the rest within 32
        // bytes.
        for (int i = 0; i < Math.min(KEY_LENGTH, bigEndian.length); i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return littleEndian;
    }

    private static NoiseException smallOrder(Throwable cause) {
        return new NoiseException(Reason.INVALID_PUBLIC_KEY,
                "peer's X25519 public key is a small-order point (all-zero shared secret)", cause);
    }

}
