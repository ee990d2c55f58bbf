package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CipherStateTests {

    private static final byte[] KEY = bytes(32, 0x11);

    private static final byte[] AD = "frame header".getBytes(StandardCharsets.US_ASCII);

    @Test
    void opensWhatItSealsInOrder() throws Exception {
        CipherState sender = keyed();
        CipherState receiver = keyed();
        for (int i = 0; i < 3; i++) {
            byte[] plaintext = ("frame " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] ciphertext = sender.encrypt(AD, plaintext);
            assertThat(ciphertext).hasSize(plaintext.length + CipherState.TAG_LENGTH);
            assertThat(receiver.decrypt(AD, ciphertext)).isEqualTo(plaintext);
        }
        assertThat(sender.nonce()).isEqualTo(3);
        assertThat(receiver.nonce()).isEqualTo(3);
    }

    @Test
    void sealsAsAes256GcmWithFourZeroBytesThenBigEndianNonce() throws Exception {
        CipherState sender = keyed();
        sender.setNonce(0x0102030405060708L);
        byte[] plaintext = "payload".getBytes(StandardCharsets.US_ASCII);
        byte[] expectedNonce = { 0, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };

        assertThat(CipherState.nonceBytes(0x0102030405060708L)).isEqualTo(expectedNonce);
        assertThat(sender.encrypt(AD, plaintext)).isEqualTo(jdkSeal(expectedNonce, AD, plaintext));
    }

    @Test
    void sealsTheFirstMessageUnderNonceZero() throws Exception {
        assertThat(keyed().encrypt(AD, new byte[0])).isEqualTo(jdkSeal(new byte[12], AD, new byte[0]));
    }

    @Test
    void refusesTamperedCiphertextWithoutAdvancingTheNonce() throws Exception {
        byte[] ciphertext = keyed().encrypt(AD, "hello".getBytes(StandardCharsets.US_ASCII));
        CipherState receiver = keyed();
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] tampered = ciphertext.clone();
            tampered[i] ^= 0x01;
            assertDecryptFails(receiver, AD, tampered);
        }
        assertThat(receiver.nonce()).isZero();
        assertThat(receiver.decrypt(AD, ciphertext)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesOtherAssociatedData() throws Exception {
        byte[] ciphertext = keyed().encrypt(AD, new byte[] { 1, 2, 3 });
        CipherState receiver = keyed();
        assertDecryptFails(receiver, "another header".getBytes(StandardCharsets.US_ASCII), ciphertext);
        assertDecryptFails(receiver, new byte[0], ciphertext);
        assertThat(receiver.nonce()).isZero();
    }

    @Test
    void refusesReplayedFrame() throws Exception {
        CipherState sender = keyed();
        CipherState receiver = keyed();
        byte[] first = sender.encrypt(AD, new byte[] { 1 });
        receiver.decrypt(AD, first);
        assertDecryptFails(receiver, AD, first);
        assertThat(receiver.nonce()).isEqualTo(1);
    }

    @Test
    void refusesReorderedFramesThenAcceptsTheExpectedOne() throws Exception {
        CipherState sender = keyed();
        CipherState receiver = keyed();
        byte[] first = sender.encrypt(AD, new byte[] { 1 });
        byte[] second = sender.encrypt(AD, new byte[] { 2 });
        assertDecryptFails(receiver, AD, second);
        assertThat(receiver.nonce()).isZero();
        assertThat(receiver.decrypt(AD, first)).containsExactly(1);
        assertThat(receiver.decrypt(AD, second)).containsExactly(2);
    }

    @Test
    void refusesFrameShorterThanATagAsMalformed() {
        CipherState receiver = keyed();
        assertThatExceptionOfType(NoiseException.class)
            .isThrownBy(() -> receiver.decrypt(AD, new byte[CipherState.TAG_LENGTH - 1]))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED_MESSAGE));
        assertThat(receiver.nonce()).isZero();
    }

    @Test
    void refusesFrameFromAnotherKey() throws Exception {
        CipherState other = new CipherState();
        other.initializeKey(bytes(32, 0x22));
        assertDecryptFails(keyed(), AD, other.encrypt(AD, new byte[] { 1 }));
    }

    @Test
    void usesNonceTwoToThe64MinusTwoThenRefusesTheReservedOne() throws Exception {
        CipherState sender = keyed();
        CipherState receiver = keyed();
        sender.setNonce(CipherState.MAX_NONCE - 1);
        receiver.setNonce(CipherState.MAX_NONCE - 1);
        assertThat(receiver.decrypt(AD, sender.encrypt(AD, new byte[] { 7 }))).containsExactly(7);

        assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> sender.encrypt(AD, new byte[] { 8 }))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NONCE_EXHAUSTED));
        assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> receiver.decrypt(AD, new byte[32]))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NONCE_EXHAUSTED));
        assertThat(sender.nonce()).isEqualTo(CipherState.MAX_NONCE);
    }

    @Test
    void passesMessagesThroughBeforeAKeyButRefusesTransportFrames() throws Exception {
        CipherState empty = new CipherState();
        assertThat(empty.encryptWithAd(AD, new byte[] { 1, 2 })).containsExactly(1, 2);
        assertThat(empty.decryptWithAd(AD, new byte[] { 1, 2 })).containsExactly(1, 2);
        assertThat(empty.nonce()).isZero();
        assertThatIllegalStateException().isThrownBy(() -> empty.encrypt(AD, new byte[] { 1 }));
        assertThatIllegalStateException().isThrownBy(() -> empty.decrypt(AD, new byte[16]));
    }

    @Test
    void newKeyStartsAtNonceZero() throws Exception {
        CipherState state = keyed();
        state.encrypt(AD, new byte[0]);
        state.initializeKey(KEY);
        assertThat(state.nonce()).isZero();
        assertThat(state.encrypt(AD, new byte[0])).isEqualTo(jdkSeal(new byte[12], AD, new byte[0]));
    }

    @Test
    void refusesAKeyOfAnyLengthButThirtyTwoBytes() {
        CipherState state = new CipherState();
        assertThatIllegalArgumentException().isThrownBy(() -> state.initializeKey(new byte[31]))
            .withMessage("an AES-256-GCM key has 32 bytes, not 31");
        assertThatIllegalArgumentException().isThrownBy(() -> state.initializeKey(new byte[33]));
        assertThatIllegalArgumentException().isThrownBy(() -> state.initializeKey(new byte[0]));
    }

    /**
     * Fails if the text of this public type does not say whether a key is set and the
     * nonce as an unsigned number; it never shows the key.
     */
    @Test
    void saysWhetherItHasAKeyAndItsNonceButNotTheKey() throws Exception {
        assertThat(new CipherState()).hasToString("CipherState[no key, nonce 0]");
        CipherState state = keyed();
        state.encrypt(AD, new byte[0]);
        assertThat(state).hasToString("CipherState[key set, nonce 1]");
        state.setNonce(CipherState.MAX_NONCE);
        assertThat(state).hasToString("CipherState[key set, nonce 18446744073709551615]");
    }

    private static void assertDecryptFails(CipherState receiver, byte[] ad, byte[] ciphertext) {
        long before = receiver.nonce();
        assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> receiver.decrypt(ad, ciphertext))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DECRYPT_FAILED));
        assertThat(receiver.nonce()).isEqualTo(before);
    }

    private static CipherState keyed() {
        CipherState state = new CipherState();
        state.initializeKey(KEY);
        return state;
    }

    private static byte[] jdkSeal(byte[] nonce, byte[] ad, byte[] plaintext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(ad);
        return cipher.doFinal(plaintext);
    }

    private static byte[] bytes(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

}
