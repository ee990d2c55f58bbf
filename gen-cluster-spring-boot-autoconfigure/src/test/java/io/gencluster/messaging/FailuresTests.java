package io.gencluster.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gencluster.LeaveReason;
import io.gencluster.messaging.ClusterMessagingException.Failure;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.EnvelopeNotSentException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

    private final Envelope request = new Envelope(Envelope.Kind.REQUEST, 42, "orders", Map.of(), new byte[0]);

    @Test
    void aFailureReplyReadsBackAsTheFailureWithClassAndMessage() {
        Envelope reply = Failures.reply(request, Failure.HANDLER_FAILED, "out of stock", "com.shop.OutOfStock");

        ClusterMessagingException failure = Failures.fromReply(reply);

        assertThat(reply.kind()).isEqualTo(Envelope.Kind.REPLY_FAILURE);
        assertThat(reply.correlationId()).isEqualTo(42);
        assertThat(failure.failure()).isEqualTo(Failure.HANDLER_FAILED);
        assertThat(failure).hasMessage("out of stock");
        assertThat(failure.remoteExceptionClass()).contains("com.shop.OutOfStock");
    }

    @Test
    void aPeersTextIsCutAndCannotForgeLogLines() {
        String hostile = "bad\nINFO forged line\u001b[31m" + "x".repeat(5000);
        Envelope reply = new Envelope(Envelope.Kind.REPLY_FAILURE, 42, "orders",
                Map.of(Failures.FAILURE_HEADER, "HANDLER_FAILED", Failures.EXCEPTION_HEADER, "Evil\r\nClass"),
                hostile.getBytes(StandardCharsets.UTF_8));

        ClusterMessagingException failure = Failures.fromReply(reply);

        assertThat(failure.getMessage()).doesNotContain("\n", "\u001b").startsWith("bad?INFO forged line?[31m");
        assertThat(failure.getMessage()).hasSizeLessThanOrEqualTo(Failures.MAX_MESSAGE_CHARS + 3);
        assertThat(failure.remoteExceptionClass()).contains("Evil??Class");
    }

    @Test
    void anUnknownFailureNameFromAPeerReadsAsHandlerFailed() {
        Envelope reply = new Envelope(Envelope.Kind.REPLY_FAILURE, 42, "orders",
                Map.of(Failures.FAILURE_HEADER, "SOMETHING_NEW"), new byte[0]);

        assertThat(Failures.fromReply(reply).failure()).isEqualTo(Failure.HANDLER_FAILED);
    }

    @Test
    void aTransportsRefusalMapsToTheFailureWithTheLeaveReason() {
        ClusterMessagingException full = Failures
            .of(new EnvelopeNotSentException(EnvelopeNotSentException.Reason.OUTBOUND_FULL, "full", null));
        ClusterMessagingException down = Failures.of(new EnvelopeNotSentException(
                EnvelopeNotSentException.Reason.LINK_DOWN, "down", LeaveReason.HEARTBEAT_TIMEOUT));

        assertThat(full.failure()).isEqualTo(Failure.OUTBOUND_FULL);
        assertThat(down.failure()).isEqualTo(Failure.LINK_DOWN);
        assertThat(down.leaveReason()).contains(LeaveReason.HEARTBEAT_TIMEOUT);
    }

}
