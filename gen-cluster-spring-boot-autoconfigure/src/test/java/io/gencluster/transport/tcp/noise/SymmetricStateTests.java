package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each SymmetricState step against Noise §5.2 written out with the JDK's SHA-256,
 * HMAC-SHA256 and AES-GCM. Both ends of a handshake share this class, so a step that
 * strays from the spec still completes a handshake between two of our nodes; only a
 * comparison with the spec's own arithmetic shows it (the published vectors are opt-in,
 * see {@code NoiseTestVectorsTests}).
 */
class SymmetricStateTests {

    private static final String PROTOCOL_NAME = HandshakeState.PROTOCOL_NAME;

    private static final byte[] KEY_MATERIAL = range(0x40, 0x60);

    private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.US_ASCII);

    /**
     * Fails if a protocol name of exactly 32 bytes (ours) is hashed rather than taken as
     * it is, or a shorter one is not padded with zeros, or a longer one is not hashed.
     */
    @Test
    void theFirstHashIsTheProtocolNamePaddedToThirtyTwoBytesOrItsHashWhenLonger() throws Exception {
        assertThat(ascii(PROTOCOL_NAME)).hasSize(32);
        assertThat(new SymmetricState(PROTOCOL_NAME).handshakeHash()).isEqualTo(ascii(PROTOCOL_NAME));
        String shorter = PROTOCOL_NAME.substring(1);
        assertThat(new SymmetricState(shorter).handshakeHash()).isEqualTo(Arrays.copyOf(ascii(shorter), 32));
        String longer = PROTOCOL_NAME + "x";
        assertThat(new SymmetricState(longer).handshakeHash()).isEqualTo(sha256(ascii(longer)));
    }

    /**
     * Fails if MixKey does not key the cipher with the second HKDF output of the chaining
     * key, which starts as the first hash, or if EncryptAndHash does not authenticate the
     * hash and then mix the ciphertext into it.
     */
    @Test
    void mixKeyKeysTheCipherWithTheSecondOutputOfTheChainingKey() throws Exception {
        SymmetricState state = new SymmetricState(PROTOCOL_NAME);
        byte[] hash = ascii(PROTOCOL_NAME);
        state.mixKey(KEY_MATERIAL);
        byte[][] outputs = hkdf(hash, KEY_MATERIAL, 3);

        byte[] expected = seal(outputs[1], hash, PAYLOAD);
        assertThat(state.encryptAndHash(PAYLOAD)).isEqualTo(expected);
        assertThat(state.handshakeHash()).isEqualTo(sha256(hash, expected));
    }

    /**
     * Fails if MixKeyAndHash does not mix its second HKDF output into the hash and key
     * the cipher with its third. In our handshake the PSK's key is replaced by the
     * ephemeral key's MixKey before it seals anything, so only this step on its own shows
     * the key.
     */
    @Test
    void mixKeyAndHashMixesTheSecondOutputIntoTheHashAndKeysTheCipherWithTheThird() throws Exception {
        SymmetricState state = new SymmetricState(PROTOCOL_NAME);
        byte[] first = ascii(PROTOCOL_NAME);
        state.mixKeyAndHash(KEY_MATERIAL);
        byte[][] outputs = hkdf(first, KEY_MATERIAL, 3);
        byte[] hash = sha256(first, outputs[1]);
        assertThat(state.handshakeHash()).isEqualTo(hash);

        byte[] expected = seal(outputs[2], hash, PAYLOAD);
        assertThat(state.encryptAndHash(PAYLOAD)).isEqualTo(expected);
    }

    /**
     * Fails if the chaining key does not move on to the first HKDF output at each step:
     * Split's keys come from the chaining key left by the PSK and a MixKey.
     */
    @Test
    void splitDerivesBothKeysFromTheChainingKeyEachStepLeft() throws Exception {
        SymmetricState state = new SymmetricState(PROTOCOL_NAME);
        state.mixKeyAndHash(KEY_MATERIAL);
        byte[] ephemeral = range(0x60, 0x80);
        state.mixKey(ephemeral);
        byte[] chainingKey = hkdf(hkdf(ascii(PROTOCOL_NAME), KEY_MATERIAL, 3)[0], ephemeral, 2)[0];
        byte[][] keys = hkdf(chainingKey, new byte[0], 2);

        SymmetricState.Split split = state.split();
        assertThat(split.initiatorToResponder().encrypt(new byte[0], PAYLOAD))
            .isEqualTo(seal(keys[0], new byte[0], PAYLOAD));
        assertThat(split.responderToInitiator().encrypt(new byte[0], PAYLOAD))
            .isEqualTo(seal(keys[1], new byte[0], PAYLOAD));
    }

    /** Noise's HKDF as §4.3 writes it out. */
    private static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) throws Exception {
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[][] result = new byte[outputs][];
        byte[] previous = new byte[0];
        for (int i = 0; i < outputs; i++) {
            byte[] input = Arrays.copyOf(previous, previous.length + 1);
            input[previous.length] = (byte) (i + 1);
            previous = hmac(tempKey, input);
            result[i] = previous;
        }
        return result;
    }

    private static byte[] seal(byte[] key, byte[] associatedData, byte[] plaintext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, new byte[12]));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(plaintext);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] range(int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }

}
