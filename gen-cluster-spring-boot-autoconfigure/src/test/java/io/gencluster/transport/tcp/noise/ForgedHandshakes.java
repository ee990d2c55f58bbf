package io.gencluster.transport.tcp.noise;

import java.util.Arrays;

/**
 * Handshake messages no honest node writes, for tests of the transport above: they need
 * the package's internals to forge.
 */
public final class ForgedHandshakes {

    private ForgedHandshakes() {
    }

    /**
     * A message 1 from a holder of the PSK whose ephemeral key is the all-zero,
     * small-order point: it decrypts, and the responder's key exchange for message 2 must
     * then fail.
     * @param psk the cluster's key
     * @param prologue the prologue both ends mix in
     * @param payload the payload, such as a node's identity
     * @return the message
     * @throws NoiseException never, with a fresh state
     */
    public static byte[] smallOrderFirstMessage(Psk psk, byte[] prologue, byte[] payload) throws NoiseException {
        SymmetricState forged = new SymmetricState(HandshakeState.PROTOCOL_NAME);
        forged.mixHash(prologue);
        forged.mixKeyAndHash(psk.bytes());
        byte[] zeroKey = new byte[X25519.KEY_LENGTH];
        forged.mixHash(zeroKey);
        forged.mixKey(zeroKey);
        byte[] ciphertext = forged.encryptAndHash(payload);
        byte[] message = Arrays.copyOf(zeroKey, zeroKey.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, message, zeroKey.length, ciphertext.length);
        return message;
    }

}
