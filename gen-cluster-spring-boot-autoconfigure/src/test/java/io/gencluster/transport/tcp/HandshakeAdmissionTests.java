package io.gencluster.transport.tcp;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
