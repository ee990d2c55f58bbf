package io.gencluster.transport.tcp;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class HandshakeAdmissionTests {

    private final HandshakeAdmission admission = new HandshakeAdmission(3, 2);

    @Test
    void admitsUpToTheBoundPerAddressAndCountsTheRest() throws Exception {
        InetAddress one = InetAddress.getByName("10.0.0.1");
        assertThat(admission.admit(one)).isNotNull();
        assertThat(admission.admit(one)).isNotNull();
        assertThat(admission.admit(one)).isNull();
        assertThat(admission.admit(InetAddress.getByName("10.0.0.2"))).isNotNull();
        assertThat(admission.admit(InetAddress.getByName("10.0.0.3"))).as("past the bound in all").isNull();
        assertThat(admission.refusedConnections()).isEqualTo(2);
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceFreesOne() throws Exception {
        InetAddress one = InetAddress.getByName("10.0.0.1");
        HandshakeAdmission.Permit first = admission.admit(one);
        admission.admit(one);
        first.release();
        first.release();
        assertThat(admission.admit(one)).isNotNull();
        assertThat(admission.admit(one)).isNull();
    }

    /**
     * Fails if an address whose connections have all left the handshake is still tracked
     * (kept with a count of zero): every address that ever connected would stay in the
     * table, and a peer with many addresses could fill the node's memory.
     */
    @Test
    void anAddressIsForgottenWithItsLastConnectionInTheHandshake() throws Exception {
        InetAddress one = InetAddress.getByName("10.0.0.1");
        HandshakeAdmission.Permit first = admission.admit(one);
        HandshakeAdmission.Permit second = admission.admit(one);
        first.release();
        assertThat(admission.sourcesInHandshake()).isOne();

        second.release();

        assertThat(admission.sourcesInHandshake()).isZero();
    }

    /**
     * Fails if a connection refused at the bound per address is closed without a WARN, or
     * if the WARN names the other bound: an operator sees a flood from one address only
     * in this line.
     */
    @Test
    void aRefusalAtTheBoundPerAddressIsWarnedOfNamingThatBound(CapturedOutput output) throws Exception {
        InetAddress one = InetAddress.getByName("10.0.0.1");
        admission.admit(one);
        admission.admit(one);

        assertThat(admission.admit(one)).isNull();

        assertThat(output.getOut()).contains("Refused a connection from 10.0.0.1: 2 connections from that address"
                + " are already in the handshake (1 refused so far)");
    }

    /**
     * Fails if a connection refused at the bound in all is warned of as one past the
     * bound per address (the comparison that picks the text negated, or strict): with
     * exactly as many connections in the handshake as allowed, the line must name that
     * bound.
     */
    @Test
    void aRefusalAtTheBoundInAllIsWarnedOfNamingThatBound(CapturedOutput output) throws Exception {
        admission.admit(InetAddress.getByName("10.0.0.1"));
        admission.admit(InetAddress.getByName("10.0.0.2"));
        admission.admit(InetAddress.getByName("10.0.0.3"));

        assertThat(admission.admit(InetAddress.getByName("10.0.0.4"))).isNull();

        assertThat(output.getOut()).contains("Refused a connection from 10.0.0.4: 3 connections in all"
                + " are already in the handshake (1 refused so far)");
    }

}
