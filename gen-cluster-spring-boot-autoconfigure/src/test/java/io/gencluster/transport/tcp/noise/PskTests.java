package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PskTests {

    @Test
    void isHkdfOfTheCookieUnderTheGenClusterLabel() throws Exception {
        byte[] prk = hmac("gen-cluster cookie v1".getBytes(StandardCharsets.US_ASCII),
                "SECRETCOOKIE".getBytes(StandardCharsets.UTF_8));
        byte[] expected = hmac(prk, "Noise_NNpsk0 psk\u0001".getBytes(StandardCharsets.US_ASCII));
        assertThat(Psk.fromCookie("SECRETCOOKIE").bytes()).isEqualTo(expected);
    }

    @Test
    void sameCookieGivesSamePskAndAnotherCookieAnother() {
        assertThat(Psk.fromCookie("SECRETCOOKIE").bytes()).hasSize(32)
            .isEqualTo(Psk.fromCookie("SECRETCOOKIE").bytes());
        assertThat(Psk.fromCookie("SECRETCOOKIE").bytes()).isNotEqualTo(Psk.fromCookie("SECRETCOOKIF").bytes());
    }

    @Test
    void refusesEmptyCookie() {
        assertThatIllegalArgumentException().isThrownBy(() -> Psk.fromCookie(""));
    }

    @Test
    void refusesKeyOfAnotherLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> Psk.of(new byte[31]));
    }

    @Test
    void neverShowsTheKey() {
        assertThat(Psk.fromCookie("SECRETCOOKIE")).hasToString("Psk[32 bytes, not shown]");
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

}
