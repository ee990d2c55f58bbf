package io.gencluster.transport.tcp.noise;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gencluster.transport.tcp.noise.NoiseException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RFC 7748 §6.1's Diffie-Hellman example, the raw key encoding, and refusal of
 * small-order points.
 */
class X25519Tests {

    private static final HexFormat HEX = HexFormat.of();

    private static final byte[] ALICE_PRIVATE = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

    private static final byte[] ALICE_PUBLIC = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

    private static final byte[] BOB_PRIVATE = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");

    private static final byte[] BOB_PUBLIC = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

    private static final byte[] SHARED_SECRET = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    /** 2^255 - 19. */
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    @Test
    void derivesRfc7748PublicKeysFromRawPrivateKeys() {
        assertThat(X25519.fromPrivateKey(ALICE_PRIVATE).publicKey()).isEqualTo(ALICE_PUBLIC);
        assertThat(X25519.fromPrivateKey(BOB_PRIVATE).publicKey()).isEqualTo(BOB_PUBLIC);
    }

    @Test
    void agreesOnRfc7748SharedSecretFromBothSides() throws Exception {
        assertThat(X25519.dh(X25519.fromPrivateKey(ALICE_PRIVATE).privateKey(), BOB_PUBLIC)).isEqualTo(SHARED_SECRET);
        assertThat(X25519.dh(X25519.fromPrivateKey(BOB_PRIVATE).privateKey(), ALICE_PUBLIC)).isEqualTo(SHARED_SECRET);
    }

    @Test
    void generatedKeysAgree() throws Exception {
        X25519.Keys one = X25519.generate();
        X25519.Keys other = X25519.generate();
        assertThat(one.publicKey()).hasSize(32);
        assertThat(X25519.dh(one.privateKey(), other.publicKey()))
            .isEqualTo(X25519.dh(other.privateKey(), one.publicKey()));
    }

    /**
     * Fails if key generation goes back to a generator shared by the whole JVM (the JDK's
     * default one, behind one lock every event loop then queued on), or to a weaker one
     * than a DRBG, or if keys repeat.
     */
    @Test
    void eachThreadDrawsKeysFromItsOwnDrbg() throws Exception {
        SecureRandom mine = X25519.random();
        CompletableFuture<SecureRandom> theirs = CompletableFuture.supplyAsync(X25519::random,
                command -> new Thread(command).start());
        assertThat(theirs.get(10, TimeUnit.SECONDS)).isNotSameAs(mine);
        assertThat(X25519.random()).isSameAs(mine);
        assertThat(mine.getAlgorithm()).isEqualTo("DRBG");
        assertThat(X25519.generate().publicKey()).isNotEqualTo(X25519.generate().publicKey());
    }

    /**
     * Fails if key generation ignores the generator it is given (it would fall back to
     * the JDK's default one, shared by the whole JVM): two generators seeded alike give
     * the same key.
     */
    @Test
    void keysComeFromTheGeneratorGiven() throws Exception {
        assertThat(X25519.generate(seeded()).publicKey()).isEqualTo(X25519.generate(seeded()).publicKey());
    }

    private static SecureRandom seeded() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(new byte[] { 1, 2, 3 });
        return random;
    }

    @Test
    void ignoresTheTopBitOfAPublicKey() throws Exception {
        byte[] masked = BOB_PUBLIC.clone();
        masked[31] |= (byte) 0x80;
        assertThat(X25519.dh(X25519.fromPrivateKey(ALICE_PRIVATE).privateKey(), masked)).isEqualTo(SHARED_SECRET);
    }

    @Test
    void encodesUCoordinateLittleEndian() {
        assertThat(X25519.encodeU(BigInteger.valueOf(9))).isEqualTo(hex("09" + "00".repeat(31)));
        assertThat(X25519.encodeU(P.subtract(BigInteger.ONE))).isEqualTo(hex("ec" + "ff".repeat(30) + "7f"));
    }

    @Test
    void refusesSmallOrderPublicKeys() {
        X25519.Keys own = X25519.generate();
        for (BigInteger u : new BigInteger[] { BigInteger.ZERO, BigInteger.ONE, P, P.add(BigInteger.ONE) }) {
            assertThatExceptionOfType(NoiseException.class).as("u = %s", u)
                .isThrownBy(() -> X25519.dh(own.privateKey(), X25519.encodeU(u)))
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_PUBLIC_KEY));
        }
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

}
