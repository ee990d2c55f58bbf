package io.gencluster.membership;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectOutcomeTests {

    @Test
    void classifiesRejectionsByReason() {
        assertThat(ConnectOutcome.of(new PeerRejectedException(Reason.AUTHENTICATION_FAILED, "x")))
            .isEqualTo(ConnectOutcome.AUTH_FAILED);
        assertThat(ConnectOutcome.of(new PeerRejectedException(Reason.TLS_FAILED, "x")))
            .isEqualTo(ConnectOutcome.TLS_FAILED);
        assertThat(ConnectOutcome.of(new PeerRejectedException(Reason.HANDSHAKE_TIMEOUT, "x")))
            .isEqualTo(ConnectOutcome.TIMEOUT);
        assertThat(ConnectOutcome.of(new PeerRejectedException(Reason.SELF_CONNECTION, "x")))
            .isEqualTo(ConnectOutcome.SELF);
        assertThat(ConnectOutcome.of(new PeerRejectedException(Reason.PROTOCOL_VERSION, "x")))
            .isEqualTo(ConnectOutcome.ERROR);
    }

    @Test
    void unwrapsCompletionExceptions() {
        assertThat(ConnectOutcome.of(new CompletionException(new ConnectException("Connection refused"))))
            .isEqualTo(ConnectOutcome.REFUSED);
    }

    @Test
    void classifiesNetworkFailures() {
        assertThat(ConnectOutcome.of(new UnknownHostException("nowhere"))).isEqualTo(ConnectOutcome.REFUSED);
        assertThat(ConnectOutcome.of(new SocketTimeoutException())).isEqualTo(ConnectOutcome.TIMEOUT);
        assertThat(ConnectOutcome.of(new ConnectTimeoutException("timed out"))).isEqualTo(ConnectOutcome.TIMEOUT);
        assertThat(ConnectOutcome.of(new IllegalStateException("other"))).isEqualTo(ConnectOutcome.ERROR);
    }

    @Test
    void tagsAreLowerCaseWithDashes() {
        assertThat(ConnectOutcome.AUTH_FAILED.tag()).isEqualTo("auth-failed");
        assertThat(ConnectOutcome.SUCCESS.tag()).isEqualTo("success");
    }

    /**
     * Fails if a failure is described by a wrapper's message instead of the first cause
     * that has one.
     */
    @Test
    void describesAFailureByTheFirstMessageUnderItsWrappers() {
        assertThat(ConnectOutcome.describe(new CompletionException(new ConnectException("Connection refused"))))
            .isEqualTo("Connection refused");
        assertThat(ConnectOutcome.describe(new IllegalStateException(null, new ConnectException("no route"))))
            .isEqualTo("no route");
        assertThat(ConnectOutcome.describe(new IllegalStateException("handshake broke", new ConnectException("x"))))
            .isEqualTo("handshake broke");
        assertThat(ConnectOutcome.describe(new CompletionException(new SocketTimeoutException())))
            .isEqualTo("SocketTimeoutException");
    }

}
