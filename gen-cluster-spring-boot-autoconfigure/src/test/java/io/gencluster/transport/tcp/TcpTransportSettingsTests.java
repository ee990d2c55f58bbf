package io.gencluster.transport.tcp;

import java.time.Duration;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;

import io.gencluster.transport.HostResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TcpTransportSettingsTests {

    private static final Duration ONE = Duration.ofSeconds(1);

    private static final Duration TEN = Duration.ofSeconds(10);

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

    /** Fails if a port at either end of the range, or 0 for any free port, is refused. */
    @Test
    void acceptsEveryPortFromZeroTo65535AndNothingOutside() {
        assertThat(defaults.withBind("0.0.0.0", 0).port()).isZero();
        assertThat(defaults.withBind("0.0.0.0", 65535).port()).isEqualTo(65535);
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBind("0.0.0.0", -1))
            .withMessageContaining("port -1 is invalid: use 1 to 65535, or 0 for any free port");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBind("0.0.0.0", 65536))
            .withMessageContaining("port 65536 is invalid");
    }

    /**
     * Fails if any of the four durations may be zero, negative or missing: each is named
     * in its own message.
     */
    @Test
    void refusesEachDurationThatIsNotPositiveByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(Duration.ZERO, ONE, ONE, TEN))
            .withMessage("connectTimeout (PT0S) must be a positive duration, e.g. 5s");
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(ONE, Duration.ofSeconds(-1), ONE, TEN))
            .withMessage("handshakeTimeout (PT-1S) must be a positive duration, e.g. 5s");
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(ONE, ONE, Duration.ZERO, TEN))
            .withMessage("heartbeatInterval (PT0S) must be a positive duration, e.g. 5s");
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(ONE, ONE, ONE, Duration.ZERO))
            .withMessage("heartbeatTimeout (PT0S) must be a positive duration, e.g. 5s");
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(null, ONE, ONE, TEN))
            .withMessage("connectTimeout (null) must be a positive duration, e.g. 5s");
        assertThatIllegalArgumentException().isThrownBy(() -> withDurations(ONE, ONE, ONE, null))
            .withMessage("heartbeatTimeout (null) must be a positive duration, e.g. 5s");
    }

    /**
     * Fails if one unauthenticated connection in all and from each address is refused, or
     * if none is accepted for either.
     */
    @Test
    void acceptsAtLeastOneUnauthenticatedConnectionInAllAndPerAddress() {
        TcpTransportSettings one = defaults.withUnauthenticatedLimits(1, 1);
        assertThat(one.maxUnauthenticated()).isOne();
        assertThat(one.maxUnauthenticatedPerAddress()).isOne();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withUnauthenticatedLimits(0, 0))
            .withMessageContaining("0 in all, 0 per address are invalid");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withUnauthenticatedLimits(0, -1))
            .withMessageContaining("0 in all, -1 per address are invalid");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withUnauthenticatedLimits(1, 0))
            .withMessageContaining("1 in all, 0 per address are invalid");
    }

    /** Fails if the settings an operator reads in a log lose or misname a value. */
    @Test
    void showsEveryValueButTheCookie() {
        assertThat(defaults.withBind("127.0.0.1", 4371).withOutboundHighWaterMark(65536))
            .hasToString("TcpTransportSettings[nodeName=orders, bind=127.0.0.1:4371, advertiseHost=null,"
                    + " connectTimeout=PT5S, handshakeTimeout=PT5S, heartbeatInterval=PT2.5S, heartbeatTimeout=PT10S,"
                    + " connectAll=true, maxFrameSize=1048576, tls=false, maxUnauthenticated=256,"
                    + " maxUnauthenticatedPerAddress=16, outboundHighWaterMark=65536]");
    }

    /** Fails if TLS on only one side of a node's links is shown as no TLS. */
    @Test
    void showsTlsWhenEitherSideOfTheLinksHasIt() throws SSLException {
        SslContext tls = SslContextBuilder.forClient().build();
        assertThat(defaults.withTls(tls, null).toString()).contains(", tls=true,");
        assertThat(defaults.withTls(null, tls).toString()).contains(", tls=true,");
        assertThat(defaults.withTls(tls, tls).toString()).contains(", tls=true,");
        assertThat(defaults.withTls(null, null).toString()).contains(", tls=false,");
    }

    private static TcpTransportSettings withDurations(Duration connect, Duration handshake, Duration interval,
            Duration timeout) {
        return new TcpTransportSettings("orders", "0.0.0.0", 0, null, "secret-of-the-orders-cluster", connect,
                handshake, interval, timeout, true, TcpTransportSettings.DEFAULT_MAX_FRAME_SIZE, HostResolver.SYSTEM,
                null, null);
    }

}
