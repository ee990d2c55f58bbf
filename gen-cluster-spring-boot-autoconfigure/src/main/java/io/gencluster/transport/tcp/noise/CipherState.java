package io.gencluster.transport.tcp.noise;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;

/**
 * One direction of a link: an AES-256-GCM key and the count of messages sealed under it
 * (Noise's {@code AESGCM} cipher functions). AES-GCM rather than ChaCha20-Poly1305: the
 * JDK runs AES-GCM on the processor's AES and carry-less multiply instructions, eight to
 * nine times faster than its plain-Java ChaCha20-Poly1305 on Java 17 for a 1 KB frame,
 * and in constant time. Each message uses the next nonce, so after the handshake the
 * nonce is the frame's sequence number and a dropped, replayed or reordered frame fails
 * to open. Not thread-safe: a link uses it from its event loop only.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#the-cipherstate-object">The Noise
 * Protocol Framework, revision 34, §5.1</a>
 */
public final class CipherState {

    /** Bytes of a key. */
    static final int KEY_LENGTH = 32;

    /** Bytes of the GCM tag added to every sealed message. */
    public static final int TAG_LENGTH = 16;

    /**
     * 2^64-1 read as an unsigned long: reserved by the spec, so never used as a nonce.
     */
    static final long MAX_NONCE = -1L;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int TAG_BITS = TAG_LENGTH * 8;

    private byte[] key;

    private long nonce;

    /**
     * Reused between messages; dropped whenever the next init could repeat the last key
     * and nonce, which the JDK refuses on the same instance (after a failed open, or a
     * nonce set back).
     */
    private Cipher cipher;

    /**
     * A state without a key: messages pass through unchanged, as in a handshake before
     * the first MixKey.
     */
    CipherState() {
    }

    /**
     * {@code InitializeKey(key)}: a new key, nonce back to zero.
     * @param key 32 bytes
     */
    void initializeKey(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-256-GCM key has " + KEY_LENGTH + " bytes, not " + key.length);
        }
        this.key = key.clone();
        this.nonce = 0;
        this.cipher = null;
    }

    /** {@code HasKey()}. */
    boolean hasKey() {
        return key != null;
    }

    /**
     * {@code SetNonce(nonce)}; for tests and test vectors.
     * @param nonce the next nonce, unsigned
     */
    void setNonce(long nonce) {
        this.nonce = nonce;
        this.cipher = null;
    }

    /**
     * Nonce of the next message: how many messages this direction has sealed or opened,
     * as an unsigned long. After the handshake, the sequence number of the next frame.
     * @return the next nonce
     */
    public long nonce() {
        return nonce;
    }

    /**
     * Seals a transport frame under the next nonce.
     * @param associatedData bytes authenticated but not encrypted (a frame header),
     * possibly empty
     * @param plaintext the frame's content
     * @return the ciphertext: {@code plaintext.length + TAG_LENGTH} bytes
     * @throws NoiseException with {@link Reason#NONCE_EXHAUSTED} when the key is used up
     * @throws IllegalStateException when this state has no key
     */
    public byte[] encrypt(byte[] associatedData, byte[] plaintext) throws NoiseException {
        requireKey();
        return encryptWithAd(associatedData, plaintext);
    }

    /**
     * Opens a transport frame sealed under the next nonce; when it fails, the nonce stays
     * where it was.
     * @param associatedData the same bytes the sender authenticated, possibly empty
     * @param ciphertext the sealed frame
     * @return the plaintext
     * @throws NoiseException with {@link Reason#DECRYPT_FAILED} for a forged, altered,
     * replayed or reordered frame, {@link Reason#MALFORMED_MESSAGE} for one shorter than
     * a tag, and {@link Reason#NONCE_EXHAUSTED} when the key is used up
     * @throws IllegalStateException when this state has no key
     */
    public byte[] decrypt(byte[] associatedData, byte[] ciphertext) throws NoiseException {
        requireKey();
        return decryptWithAd(associatedData, ciphertext);
    }

    /**
     * {@code EncryptWithAd(ad, plaintext)}: seals under nonce n and advances n; without a
     * key, returns the plaintext.
     */
    byte[] encryptWithAd(byte[] associatedData, byte[] plaintext) throws NoiseException {
        if (key == null) {
            return plaintext.clone();
        }
        requireNonceLeft();
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, associatedData).doFinal(plaintext);
            nonce++;
            return ciphertext;
        }
        catch (GeneralSecurityException ex) {
            cipher = null;
            throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
        }
    }

    /**
     * {@code DecryptWithAd(ad, ciphertext)}: opens under nonce n and advances n only when
     * the tag verifies; without a key, returns the ciphertext.
     */
    byte[] decryptWithAd(byte[] associatedData, byte[] ciphertext) throws NoiseException {
        if (key == null) {
            return ciphertext.clone();
        }
        requireNonceLeft();
        if (ciphertext.length < TAG_LENGTH) {
            throw new NoiseException(Reason.MALFORMED_MESSAGE,
                    "ciphertext of " + ciphertext.length + " bytes is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        try {
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, associatedData).doFinal(ciphertext);
            nonce++;
            return plaintext;
        }
        catch (AEADBadTagException ex) {
            cipher = null;
            throw new NoiseException(Reason.DECRYPT_FAILED,
                    "message did not authenticate under nonce " + Long.toUnsignedString(nonce), ex);
        }
        catch (GeneralSecurityException ex) {
            cipher = null;
            throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
        }
    }

    /**
     * The 96-bit AES-GCM nonce of Noise's {@code AESGCM}: 32 zero bits, then n as a
     * 64-bit big-endian number.
     */
    static byte[] nonceBytes(long nonce) {
        byte[] bytes = new byte[12];
        for (int i = 0; i < 8; i++) {
            bytes[11 - i] = (byte) (nonce >>> (8 * i));
        }
        return bytes;
    }

    /**
     * A cipher for the current key and nonce, with the associated data already passed in.
     */
    private Cipher cipher(int mode, byte[] associatedData) throws GeneralSecurityException {
        if (cipher == null) {
            cipher = Cipher.getInstance(TRANSFORMATION);
        }
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonceBytes(nonce)));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("no key: transport frames need the CipherStates of a completed handshake");
        }
    }

    private void requireNonceLeft() throws NoiseException {
        if (nonce == MAX_NONCE) {
            throw new NoiseException(Reason.NONCE_EXHAUSTED, "nonce 2^64-1 is reserved: this key is used up");
        }
    }

    @Override
    public String toString() {
        return "CipherState[" + (hasKey() ? "key set" : "no key") + ", nonce " + Long.toUnsignedString(nonce) + "]";
    }

}
