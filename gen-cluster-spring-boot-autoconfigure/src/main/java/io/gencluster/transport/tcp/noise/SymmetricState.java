package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The handshake's running secrets: the chaining key that every Diffie-Hellman output and
 * the PSK are mixed into, and the hash of everything sent so far, which each handshake
 * payload authenticates.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#the-symmetricstate-object">The Noise
 * Protocol Framework, revision 34, §5.2</a>
 */
final class SymmetricState {

    private final CipherState cipherState = new CipherState();

    private byte[] chainingKey;

    private byte[] hash;

    /** {@code InitializeSymmetric(protocol_name)}. */
    SymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        this.hash = (name.length <= Hkdf.HASH_LENGTH) ? Arrays.copyOf(name, Hkdf.HASH_LENGTH) : sha256(name);
        this.chainingKey = hash.clone();
    }

    /** {@code MixKey(input_key_material)}. */
    void mixKey(byte[] inputKeyMaterial) {
        byte[][] outputs = Hkdf.noise(chainingKey, inputKeyMaterial, 2);
        chainingKey = outputs[0];
        cipherState.initializeKey(outputs[1]);
    }

    /** {@code MixHash(data)}. */
    void mixHash(byte[] data) {
        hash = sha256(hash, data);
    }

    /** {@code MixKeyAndHash(input_key_material)}: how a PSK enters the handshake. */
    void mixKeyAndHash(byte[] inputKeyMaterial) {
        byte[][] outputs = Hkdf.noise(chainingKey, inputKeyMaterial, 3);
        chainingKey = outputs[0];
        mixHash(outputs[1]);
        cipherState.initializeKey(outputs[2]);
    }

    /** {@code GetHandshakeHash()}. */
    byte[] handshakeHash() {
        return hash.clone();
    }

    /** {@code EncryptAndHash(plaintext)}. */
    byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
        byte[] ciphertext = cipherState.encryptWithAd(hash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    /** {@code DecryptAndHash(ciphertext)}. */
    byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
        byte[] plaintext = cipherState.decryptWithAd(hash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    /**
     * {@code Split()}: the two transport keys, named for the direction each one protects.
     */
    Split split() {
        byte[][] outputs = Hkdf.noise(chainingKey, new byte[0], 2);
        CipherState initiatorToResponder = new CipherState();
        initiatorToResponder.initializeKey(outputs[0]);
        CipherState responderToInitiator = new CipherState();
        responderToInitiator.initializeKey(outputs[1]);
        return new Split(initiatorToResponder, responderToInitiator);
    }

    /** The result of {@link #split()}: Noise's c1 and c2. */
    record Split(CipherState initiatorToResponder, CipherState responderToInitiator) {
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
        }
    }

}
