package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandshakeStateTests {

    private static final Psk PSK = Psk.fromCookie("SECRETCOOKIE");

    private static final byte[] PROLOGUE = "gen-cluster link v1".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] NO_AD = new byte[0];

    @Test
    void initiatorAndResponderCompleteAndShareKeysAndHandshakeHash() throws Exception {
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE);
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertThat(initiator.isWriteTurn()).isTrue();
        assertThat(responder.isWriteTurn()).isFalse();

        byte[] first = initiator.writeMessage(bytes("hello from a"));
        assertThat(responder.readMessage(first)).isEqualTo(bytes("hello from a"));
        byte[] second = responder.writeMessage(bytes("hello from b"));
        assertThat(initiator.readMessage(second)).isEqualTo(bytes("hello from b"));

        assertThat(initiator.isComplete()).isTrue();
        assertThat(responder.isComplete()).isTrue();
        NoiseSession a = initiator.split();
        NoiseSession b = responder.split();
        assertThat(a.handshakeHash()).hasSize(32).isEqualTo(b.handshakeHash());
        assertThat(b.receiving().decrypt(NO_AD, a.sending().encrypt(NO_AD, bytes("ping")))).isEqualTo(bytes("ping"));
        assertThat(a.receiving().decrypt(NO_AD, b.sending().encrypt(NO_AD, bytes("pong")))).isEqualTo(bytes("pong"));
    }

    @Test
    void eachDirectionHasItsOwnKey() throws Exception {
        NoiseSession[] ends = handshake(HandshakeState.initiator(PSK, PROLOGUE),
                HandshakeState.responder(PSK, PROLOGUE));
        byte[] fromInitiator = ends[0].sending().encrypt(NO_AD, bytes("same"));
        byte[] fromResponder = ends[1].sending().encrypt(NO_AD, bytes("same"));
        assertThat(fromInitiator).isNotEqualTo(fromResponder);
        assertThatExceptionOfType(NoiseException.class)
            .isThrownBy(() -> ends[0].receiving().decrypt(NO_AD, fromInitiator));
    }

    @Test
    void hidesTheFirstPayloadAndSendsOnlyAKeyAndCiphertext() throws Exception {
        byte[] payload = bytes("node-a@host:4369");
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(payload);
        assertThat(first).hasSize(32 + payload.length + 16);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("node-a");
    }

    @Test
    void sameEphemeralKeysGiveSameMessages() throws Exception {
        byte[] initiatorKey = fixed(0x01);
        byte[] responderKey = fixed(0x02);
        byte[][] one = transcript(initiatorKey, responderKey);
        byte[][] two = transcript(initiatorKey, responderKey);
        assertThat(one).isDeepEqualTo(two);
    }

    @Test
    void responderRefusesFirstMessageUnderAnotherPsk() throws Exception {
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(bytes("hello"));
        HandshakeState responder = HandshakeState.responder(Psk.fromCookie("OTHERCOOKIE"), PROLOGUE);
        assertRefused(() -> responder.readMessage(first), Reason.DECRYPT_FAILED);
    }

    @Test
    void responderRefusesFirstMessageUnderAnotherPrologue() throws Exception {
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(bytes("hello"));
        HandshakeState responder = HandshakeState.responder(PSK, bytes("gen-cluster link v2"));
        assertRefused(() -> responder.readMessage(first), Reason.DECRYPT_FAILED);
    }

    @Test
    void firstMessageRelayedToAThirdPartyWithAnotherPskFails() throws Exception {
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(bytes("hello"));
        HandshakeState third = HandshakeState.responder(Psk.fromCookie("THIRDPARTY"), PROLOGUE);
        assertRefused(() -> third.readMessage(first), Reason.DECRYPT_FAILED);
    }

    @Test
    void answerRelayedToAnotherInitiatorFails() throws Exception {
        HandshakeState a = HandshakeState.initiator(PSK, PROLOGUE);
        HandshakeState other = HandshakeState.initiator(PSK, PROLOGUE);
        HandshakeState b = HandshakeState.responder(PSK, PROLOGUE);
        other.writeMessage(bytes("other"));
        b.readMessage(a.writeMessage(bytes("a")));
        byte[] answerForA = b.writeMessage(bytes("b"));
        assertRefused(() -> other.readMessage(answerForA), Reason.DECRYPT_FAILED);
    }

    @Test
    void twoInitiatorsSplicedTogetherFail() throws Exception {
        HandshakeState a = HandshakeState.initiator(PSK, PROLOGUE);
        HandshakeState b = HandshakeState.initiator(PSK, PROLOGUE);
        byte[] fromA = a.writeMessage(bytes("a"));
        b.writeMessage(bytes("b"));
        assertRefused(() -> b.readMessage(fromA), Reason.DECRYPT_FAILED);
    }

    @Test
    void frameInjectedFromAnotherLinkWithTheSamePskFails() throws Exception {
        NoiseSession[] link = handshake(HandshakeState.initiator(PSK, PROLOGUE),
                HandshakeState.responder(PSK, PROLOGUE));
        NoiseSession[] other = handshake(HandshakeState.initiator(PSK, PROLOGUE),
                HandshakeState.responder(PSK, PROLOGUE));
        byte[] injected = other[0].sending().encrypt(NO_AD, bytes("leave"));
        assertRefused(() -> link[1].receiving().decrypt(NO_AD, injected), Reason.DECRYPT_FAILED);
        assertThat(link[0].handshakeHash()).isNotEqualTo(other[0].handshakeHash());
    }

    @Test
    void refusesTruncatedMessagesOfEveryShortLength() {
        for (int length = 0; length < HandshakeState.MIN_MESSAGE_LENGTH; length++) {
            HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
            byte[] message = new byte[length];
            assertRefused(() -> responder.readMessage(message), Reason.MALFORMED_MESSAGE);
        }
    }

    @Test
    void refusesFirstMessageCutShortOfItsPayload() throws Exception {
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(bytes("hello"));
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertRefused(() -> responder.readMessage(Arrays.copyOf(first, first.length - 1)), Reason.DECRYPT_FAILED);
    }

    @Test
    void refusesOversizedMessage() {
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertRefused(() -> responder.readMessage(new byte[HandshakeState.MAX_MESSAGE_LENGTH + 1]),
                Reason.MALFORMED_MESSAGE);
    }

    @Test
    void refusesGarbageOfEveryPlausibleLength() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int length = HandshakeState.MIN_MESSAGE_LENGTH; length < 200; length++) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
            assertRefused(() -> responder.readMessage(garbage), Reason.DECRYPT_FAILED);

            HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE);
            initiator.writeMessage(new byte[0]);
            assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> initiator.readMessage(garbage));
        }
    }

    @Test
    void carriesTheLargestPayload() throws Exception {
        byte[] payload = new byte[HandshakeState.MAX_PAYLOAD_LENGTH];
        byte[] first = HandshakeState.initiator(PSK, PROLOGUE).writeMessage(payload);
        assertThat(first).hasSize(HandshakeState.MAX_MESSAGE_LENGTH);
        assertThat(HandshakeState.responder(PSK, PROLOGUE).readMessage(first)).isEqualTo(payload);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> HandshakeState.initiator(PSK, PROLOGUE).writeMessage(new byte[payload.length + 1]));
    }

    @Test
    void responderRefusesASmallOrderEphemeralFromAPskHolder() throws Exception {
        // Only a holder of the PSK can get this far; the DH with its zero key must still
        // fail.
        SymmetricState forged = new SymmetricState(HandshakeState.PROTOCOL_NAME);
        forged.mixHash(PROLOGUE);
        forged.mixKeyAndHash(PSK.bytes());
        byte[] zeroKey = new byte[32];
        forged.mixHash(zeroKey);
        forged.mixKey(zeroKey);
        byte[] first = Arrays.copyOf(zeroKey, 32 + 16);
        System.arraycopy(forged.encryptAndHash(new byte[0]), 0, first, 32, 16);

        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        responder.readMessage(first);
        assertRefused(() -> responder.writeMessage(new byte[0]), Reason.INVALID_PUBLIC_KEY);
    }

    @Test
    void aFailedHandshakeCannotBeContinued() {
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertRefused(() -> responder.readMessage(new byte[3]), Reason.MALFORMED_MESSAGE);
        assertThatIllegalStateException().isThrownBy(() -> responder.readMessage(new byte[64]));
        assertThatIllegalStateException().isThrownBy(() -> responder.writeMessage(new byte[0]));
        assertThatIllegalStateException().isThrownBy(responder::split);
    }

    @Test
    void splitsOnceOnly() throws Exception {
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE);
        handshake(initiator, HandshakeState.responder(PSK, PROLOGUE));
        assertThat(initiator.isComplete()).isTrue();
        assertThatIllegalStateException().isThrownBy(initiator::split);
    }

    @Test
    void refusesCallsOutOfTurn() throws Exception {
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE);
        assertThatIllegalStateException().isThrownBy(() -> initiator.readMessage(new byte[64]));
        assertThatIllegalStateException().isThrownBy(initiator::split);
        initiator.writeMessage(new byte[0]);
        assertThatIllegalStateException().isThrownBy(() -> initiator.writeMessage(new byte[0]));
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertThatIllegalStateException().isThrownBy(() -> responder.writeMessage(new byte[0]));
    }

    /**
     * Fails if {@code isInitiator} does not tell the roles apart, or if
     * {@code isComplete} says a handshake is complete before both messages have passed
     * (its result replaced with {@code true}).
     */
    @Test
    void eachEndKnowsItsRoleAndIsCompleteOnlyOnceBothMessagesHavePassed() throws Exception {
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE);
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE);
        assertThat(initiator.isInitiator()).isTrue();
        assertThat(responder.isInitiator()).isFalse();
        assertThat(initiator.isComplete()).isFalse();
        assertThat(responder.isComplete()).isFalse();

        responder.readMessage(initiator.writeMessage(bytes("a")));
        assertThat(initiator.isComplete()).as("initiator after message 1").isFalse();
        assertThat(responder.isComplete()).as("responder after message 1").isFalse();

        initiator.readMessage(responder.writeMessage(bytes("b")));
        assertThat(initiator.isComplete()).isTrue();
        assertThat(responder.isComplete()).isTrue();
    }

    /**
     * Fails if the initiator does not send with the first key of {@code Split()} and the
     * responder with the second (Noise §5.2), as the role test in {@code split} decides
     * (negated, both ends swap their keys alike and still understand each other, but not
     * another Noise implementation). The expected keys come from the initiator's side of
     * the handshake replayed step by step on a {@link SymmetricState}.
     */
    @Test
    void theInitiatorSendsWithTheFirstKeyOfSplitAndTheResponderWithTheSecond() throws Exception {
        X25519.Keys ephemeral = X25519.fromPrivateKey(fixed(0x01));
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE, fixed(0x01));
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE, fixed(0x02));
        SymmetricState replay = new SymmetricState(HandshakeState.PROTOCOL_NAME);
        replay.mixHash(PROLOGUE);
        replay.mixKeyAndHash(PSK.bytes());
        replay.mixHash(ephemeral.publicKey());
        replay.mixKey(ephemeral.publicKey());
        byte[] first = initiator.writeMessage(bytes("a"));
        replay.encryptAndHash(bytes("a"));
        responder.readMessage(first);
        byte[] second = responder.writeMessage(bytes("b"));
        byte[] remoteEphemeral = Arrays.copyOf(second, X25519.KEY_LENGTH);
        replay.mixHash(remoteEphemeral);
        replay.mixKey(remoteEphemeral);
        replay.mixKey(X25519.dh(ephemeral.privateKey(), remoteEphemeral));
        assertThat(replay.decryptAndHash(Arrays.copyOfRange(second, X25519.KEY_LENGTH, second.length)))
            .isEqualTo(bytes("b"));
        initiator.readMessage(second);
        SymmetricState.Split expected = replay.split();

        NoiseSession initiatorSession = initiator.split();
        NoiseSession responderSession = responder.split();

        assertThat(initiatorSession.sending().encrypt(NO_AD, bytes("c")))
            .isEqualTo(expected.initiatorToResponder().encrypt(NO_AD, bytes("c")));
        assertThat(responderSession.sending().encrypt(NO_AD, bytes("d")))
            .isEqualTo(expected.responderToInitiator().encrypt(NO_AD, bytes("d")));
    }

    /**
     * Fails if a call out of turn does not name the end it was made on (the role test in
     * {@code requireStep}'s message negated) and the step the handshake is at.
     */
    @Test
    void aCallOutOfTurnNamesTheEndAndItsStep() {
        assertThatIllegalStateException()
            .isThrownBy(() -> HandshakeState.initiator(PSK, PROLOGUE).readMessage(new byte[64]))
            .withMessage("cannot read now: the initiator's handshake is at WRITE_FIRST");
        assertThatIllegalStateException()
            .isThrownBy(() -> HandshakeState.responder(PSK, PROLOGUE).writeMessage(new byte[0]))
            .withMessage("cannot write now: the responder's handshake is at READ_FIRST");
    }

    private static NoiseSession[] handshake(HandshakeState initiator, HandshakeState responder) throws Exception {
        responder.readMessage(initiator.writeMessage(new byte[0]));
        initiator.readMessage(responder.writeMessage(new byte[0]));
        return new NoiseSession[] { initiator.split(), responder.split() };
    }

    private static byte[][] transcript(byte[] initiatorKey, byte[] responderKey) throws Exception {
        HandshakeState initiator = HandshakeState.initiator(PSK, PROLOGUE, initiatorKey);
        HandshakeState responder = HandshakeState.responder(PSK, PROLOGUE, responderKey);
        byte[] first = initiator.writeMessage(bytes("a"));
        responder.readMessage(first);
        byte[] second = responder.writeMessage(bytes("b"));
        initiator.readMessage(second);
        NoiseSession session = initiator.split();
        return new byte[][] { first, second, session.handshakeHash(), session.sending().encrypt(NO_AD, bytes("c")) };
    }

    private static void assertRefused(NoiseCall call, Reason reason) {
        assertThatExceptionOfType(NoiseException.class).isThrownBy(call::run)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
    }

    private static byte[] fixed(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface NoiseCall {

        void run() throws Exception;

    }

}
