package io.gencluster.transport;

import io.gencluster.LeaveReason;
import io.gencluster.transport.EnvelopeNotSentException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusal carries why the member left, when a link went down under the envelope. */
class EnvelopeNotSentExceptionTests {

    @Test
    void aLinkThatWentDownSaysWhyTheMemberLeft() {
        EnvelopeNotSentException ex = new EnvelopeNotSentException(Reason.LINK_DOWN, "The link went down",
                LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(ex.reason()).isEqualTo(Reason.LINK_DOWN);
        assertThat(ex.leaveReason()).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(ex).hasMessage("The link went down");
    }

    @Test
    void otherRefusalsHaveNoLeaveReason() {
        assertThat(new EnvelopeNotSentException(Reason.NOT_A_MEMBER, "not a member", null).leaveReason()).isEmpty();
    }

}
