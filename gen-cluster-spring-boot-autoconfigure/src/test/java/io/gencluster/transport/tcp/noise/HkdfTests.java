package io.gencluster.transport.tcp.noise;

import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * RFC 5869 appendix A, test cases 1 to 3 (SHA-256), and Noise's HKDF as the spec writes
 * it out.
 */
class HkdfTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc5869TestCase1BasicTestCase() {
        byte[] prk = Hkdf.extract(hex("000102030405060708090a0b0c"), repeat(0x0b, 22));
        assertThat(prk).isEqualTo(hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
        assertThat(Hkdf.expand(prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42))
            .isEqualTo(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    @Test
    void rfc5869TestCase2LongerInputsAndOutputs() {
        byte[] prk = Hkdf.extract(range(0x60, 0xb0), range(0x00, 0x50));
        assertThat(prk).isEqualTo(hex("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244"));
        assertThat(Hkdf.expand(prk, range(0xb0, 0x100), 82)).isEqualTo(hex(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"));
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        byte[] prk = Hkdf.extract(new byte[0], repeat(0x0b, 22));
        assertThat(prk).isEqualTo(hex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"));
        assertThat(Hkdf.expand(prk, new byte[0], 42))
            .isEqualTo(hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @Test
    void noiseHkdfIsTheHmacChainOfTheSpec() throws Exception {
        byte[] chainingKey = range(0x20, 0x40);
        byte[] inputKeyMaterial = range(0x40, 0x60);
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[] output1 = hmac(tempKey, new byte[] { 0x01 });
        byte[] output2 = hmac(tempKey, concat(output1, new byte[] { 0x02 }));
        byte[] output3 = hmac(tempKey, concat(output2, new byte[] { 0x03 }));

        assertThat(Hkdf.noise(chainingKey, inputKeyMaterial, 2)).isDeepEqualTo(new byte[][] { output1, output2 });
        assertThat(Hkdf.noise(chainingKey, inputKeyMaterial, 3))
            .isDeepEqualTo(new byte[][] { output1, output2, output3 });
    }

    @Test
    void noiseHkdfTakesEmptyInputKeyMaterialAsSplitDoes() throws Exception {
        byte[] chainingKey = range(0x20, 0x40);
        byte[] tempKey = hmac(chainingKey, new byte[0]);
        assertThat(Hkdf.noise(chainingKey, new byte[0], 2)[0]).isEqualTo(hmac(tempKey, new byte[] { 0x01 }));
    }

    @Test
    void noiseHkdfGivesOnlyTwoOrThreeOutputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.noise(new byte[32], new byte[0], 4));
    }

    @Test
    void expandRefusesMoreThan255Blocks() {
        assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.expand(new byte[32], new byte[0], 255 * 32 + 1));
    }

    /**
     * Fails if either end of the output length's range (0 and 255 blocks of 32 bytes, RFC
     * 5869 §2.3) is refused, or a negative length is taken.
     */
    @Test
    void expandGivesFromNoBytesUpTo255WholeBlocks() throws Exception {
        byte[] pseudorandomKey = range(0x20, 0x40);
        assertThat(Hkdf.expand(pseudorandomKey, new byte[0], 0)).isEmpty();
        byte[] longest = Hkdf.expand(pseudorandomKey, new byte[0], 255 * 32);
        assertThat(longest).hasSize(255 * 32);
        byte[] block254 = Arrays.copyOfRange(longest, 253 * 32, 254 * 32);
        assertThat(Arrays.copyOfRange(longest, 254 * 32, 255 * 32))
            .isEqualTo(hmac(pseudorandomKey, concat(block254, new byte[] { (byte) 255 })));
        assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.expand(pseudorandomKey, new byte[0], -1))
            .withMessage("HKDF-Expand can give 0 to 8160 bytes, not -1");
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Bytes from, inclusive, to to, exclusive: the RFC's 0x00..0x4f style inputs. */
    private static byte[] range(int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

}
