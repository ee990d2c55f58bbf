package io.gencluster.transport.tcp;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TcpTransportSettingsTests {

    private final TcpTransportSettings defaults = TcpTransportSettings.defaults("orders",
            "secret-of-the-orders-cluster");

    @Test
    void defaultsMatchTheDocumentedProperties() {
        assertThat(defaults.port()).isEqualTo(4370);
        assertThat(defaults.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(defaults.advertiseHost()).isNull();
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(defaults.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.connectAll()).isTrue();
        assertThat(defaults.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(defaults.maxUnauthenticated()).isEqualTo(256);
        assertThat(defaults.maxUnauthenticatedPerAddress()).isEqualTo(16);
    }

    @Test
    void refusesMoreUnauthenticatedConnectionsPerAddressThanInAll() {
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withUnauthenticatedLimits(8, 16))
            .withMessageContaining("8 in all, 16 per address are invalid");
    }

    @Test
    void neverShowsTheCookie() {
        assertThat(defaults.toString()).doesNotContain("secret-of-the-orders-cluster");
    }

    @Test
    void refusesBlankCookie() {
        assertThatIllegalArgumentException().isThrownBy(() -> TcpTransportSettings.defaults("orders", " "))
            .withMessageContaining("cookie is shorter than 16 characters");
    }

    @Test
    void refusesACookieShortEnoughToGuessAndSaysHowToMakeOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> TcpTransportSettings.defaults("orders", "c00kie"))
            .withMessageContaining("openssl rand -base64 32")
            .withMessageNotContaining("c00kie");
        assertThat(TcpTransportSettings.defaults("orders", "0123456789abcdef").cookie()).hasSize(16);
    }

    @Test
    void refusesPortOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBind("0.0.0.0", 70000))
            .withMessageContaining("port 70000 is invalid");
    }

    @Test
    void refusesHeartbeatTimeoutNotLongerThanInterval() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> defaults.withHeartbeat(Duration.ofSeconds(2), Duration.ofSeconds(2)))
            .withMessageContaining("heartbeatTimeout (PT2S) must be longer than heartbeatInterval (PT2S)");
    }

    @Test
    void refusesNonPositiveDuration() {
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withHandshakeTimeout(Duration.ZERO))
            .withMessageContaining("handshakeTimeout (PT0S) must be a positive duration");
    }

    @Test
    void refusesNodeNameWithAt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TcpTransportSettings.defaults("a@b", "secret-of-the-orders-cluster"))
            .withMessageContaining("Invalid node name 'a@b'");
    }

}
