package io.gencluster.transport.tcp;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves knowledge of the cookie without sending it: the proof is HMAC-SHA256(cookie, context, the
 * challenge being answered, the prover's own challenge, the prover's identity, the verifier's identity).
 * Because the prover's identity comes first, a proof reflected back to the node that made it never
 * verifies there.
 */
final class Authenticator {

    /** Bytes of a challenge. */
    static final int CHALLENGE_LENGTH = 32;

    /** Bytes of a proof (an HMAC-SHA256). */
    static final int PROOF_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private static final byte[] CONTEXT = "gen-cluster transport handshake v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    private final SecureRandom random = new SecureRandom();

    Authenticator(String cookie) {
        this.key = new SecretKeySpec(cookie.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A fresh random challenge. */
    byte[] newChallenge() {
        byte[] challenge = new byte[CHALLENGE_LENGTH];
        random.nextBytes(challenge);
        return challenge;
    }

    /**
     * The prover's answer to the verifier's challenge.
     *
     * @param verifierChallenge the challenge the verifier sent
     * @param prover the prover's hello
     * @param verifier the verifier's hello
     */
    byte[] prove(byte[] verifierChallenge, Message.Hello prover, Message.Hello verifier) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(bytes);
            writeField(data, CONTEXT);
            writeField(data, verifierChallenge);
            writeField(data, prover.challenge());
            writeIdentity(data, prover);
            writeIdentity(data, verifier);
            return mac.doFinal(bytes.toByteArray());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether a proof received from the prover answers the verifier's challenge, compared in constant time. */
    boolean verify(byte[] proof, byte[] verifierChallenge, Message.Hello prover, Message.Hello verifier) {
        return MessageDigest.isEqual(proof, prove(verifierChallenge, prover, verifier));
    }

    private static void writeIdentity(DataOutputStream data, Message.Hello hello) throws IOException {
        writeField(data, hello.name().getBytes(StandardCharsets.UTF_8));
        writeField(data, hello.host().getBytes(StandardCharsets.UTF_8));
        data.writeInt(hello.port());
        data.writeLong(hello.incarnation());
    }

    private static void writeField(DataOutputStream data, byte[] field) throws IOException {
        data.writeInt(field.length);
        data.write(field);
    }
}
