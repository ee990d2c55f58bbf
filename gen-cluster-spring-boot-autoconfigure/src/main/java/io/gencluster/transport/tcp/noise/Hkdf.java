package io.gencluster.transport.tcp.noise;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF over HMAC-SHA256. Noise's
 * {@code HKDF(chaining_key, input_key_material, num_outputs)} is RFC 5869's extract (salt
 * = chaining key) followed by expand with empty info, cut into 32-byte outputs, so both
 * are built from the same two steps and the RFC's test vectors cover them.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#hash-functions">The Noise Protocol
 * Framework, revision 34, §4.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5869">RFC 5869</a>
 */
final class Hkdf {

    /** Bytes of a SHA-256 output, and of every Noise HKDF output. */
    static final int HASH_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";

    private static final byte[] NO_INFO = new byte[0];

    private Hkdf() {
    }

    /**
     * RFC 5869 HKDF-Extract: {@code PRK = HMAC(salt, ikm)}; an empty salt stands for 32
     * zero bytes.
     * @param salt the salt, possibly empty
     * @param inputKeyMaterial the input key material, possibly empty
     * @return the 32-byte pseudorandom key
     */
    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        return hmac((salt.length == 0) ? new byte[HASH_LENGTH] : salt, inputKeyMaterial);
    }

    /**
     * RFC 5869 HKDF-Expand: {@code T(i) = HMAC(PRK, T(i-1) || info || i)}, concatenated
     * and cut to length.
     * @param pseudorandomKey the output of {@link #extract}
     * @param info the context, possibly empty
     * @param length bytes wanted, at most 255 × 32
     * @return the output key material
     */
    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF-Expand can give 0 to " + 255 * HASH_LENGTH + " bytes, not " + length);
        }
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, filled = 0; filled < length; i++) {
            byte[] input = new byte[block.length + info.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) i;
            block = hmac(pseudorandomKey, input);
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, take);
            filled += take;
        }
        return output;
    }

    /**
     * Noise's {@code HKDF(chaining_key, input_key_material, num_outputs)}.
     * @param chainingKey the chaining key, 32 bytes
     * @param inputKeyMaterial 0 or 32 bytes in Noise
     * @param outputs 2 or 3
     * @return that many 32-byte outputs
     */
    static byte[][] noise(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) {
        if (outputs != 2 && outputs != 3) {
            throw new IllegalArgumentException("Noise's HKDF gives 2 or 3 outputs, not " + outputs);
        }
        byte[] material = expand(extract(chainingKey, inputKeyMaterial), NO_INFO, outputs * HASH_LENGTH);
        byte[][] result = new byte[outputs][];
        for (int i = 0; i < outputs; i++) {
            result[i] = Arrays.copyOfRange(material, i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
        }
    }

}
