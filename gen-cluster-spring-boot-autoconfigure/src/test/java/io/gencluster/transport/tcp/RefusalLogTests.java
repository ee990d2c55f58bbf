package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;

/**
 * A peer that refuses every dial is warned about once per change, not at every backoff.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusalLogTests {

    private static final NodeAddress PEER = NodeAddress.of("127.0.0.1", 4371);

    private static final String COOKIE = "Peer 127.0.0.1:4371 refused the link: cookie mismatch";

    private final RefusalLog log = new RefusalLog();

    /**
     * Fails if every refused dial logs a WARN (a peer with another cookie would fill the
     * log).
     */
    @Test
    void theSameRefusalIsWarnedAboutOnce(CapturedOutput output) {
        for (int i = 0; i < 5; i++) {
            log.ended(PEER, new CompletionException(new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE)));
        }
        assertThat(warnings(output, COOKIE)).isEqualTo(1);
    }

    /**
     * Fails if a new reason, or the same one after the peer accepted a link, is not
     * warned about.
     */
    @Test
    void aChangeOrARefusalAfterALinkIsWarnedAboutAgain(CapturedOutput output) {
        String tls = "TLS with 127.0.0.1:4371 failed: the peer does not speak TLS";
        log.ended(PEER, new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE));
        log.ended(PEER, new PeerRejectedException(Reason.TLS_FAILED, tls));
        log.ended(PEER, null);
        log.ended(PEER, new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE));

        assertThat(warnings(output, COOKIE)).isEqualTo(2);
        assertThat(warnings(output, tls)).isEqualTo(1);
    }

    /**
     * Fails if a link that came up does not clear the refusal kept: the same refusal
     * after it would then go unwarned.
     */
    @Test
    void theSameRefusalAfterALinkCameUpIsWarnedAboutAgain(CapturedOutput output) {
        log.ended(PEER, new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE));
        log.ended(PEER, null);
        log.ended(PEER, new CompletionException(new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE)));

        assertThat(warnings(output, COOKIE)).isEqualTo(2);
    }

    /**
     * Fails if a peer that is merely down is warned about: that is the dialler's routine,
     * at DEBUG.
     */
    @Test
    void aPeerThatIsDownIsNoRefusal(CapturedOutput output) {
        log.ended(PEER, new ConnectException("Connection refused: 127.0.0.1/127.0.0.1:4371"));
        assertThat(output.getOut()).doesNotContain("Connection refused");
    }

    /**
     * Fails if fewer refusals than {@link RefusalLog#MAX_PEERS} are kept (the oldest
     * would be warned about again), or more.
     */
    @Test
    void keepsTheLastRefusalOfAtMostMaxPeersPeers(CapturedOutput output) {
        for (int port = 0; port < RefusalLog.MAX_PEERS; port++) {
            log.ended(NodeAddress.of("10.0.0.1", 1000 + port), refusal(1000 + port));
        }
        log.ended(NodeAddress.of("10.0.0.1", 1000), refusal(1000));
        assertThat(warnings(output, "10.0.0.1:1000 refused")).isEqualTo(1);

        log.ended(NodeAddress.of("10.0.0.1", 1000 + RefusalLog.MAX_PEERS), refusal(1000 + RefusalLog.MAX_PEERS));
        log.ended(NodeAddress.of("10.0.0.1", 1000), refusal(1000));
        assertThat(warnings(output, "10.0.0.1:1000 refused")).isEqualTo(2);
    }

    private static PeerRejectedException refusal(int port) {
        return new PeerRejectedException(Reason.AUTHENTICATION_FAILED,
                "Peer 10.0.0.1:" + port + " refused the link: cookie mismatch");
    }

    private static long warnings(CapturedOutput output, String message) {
        return output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains(message)).count();
    }

}
