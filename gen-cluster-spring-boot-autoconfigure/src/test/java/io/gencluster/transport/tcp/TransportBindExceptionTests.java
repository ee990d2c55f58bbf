package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

/**
 * A failed bind names the address and port, and says whether the port was the problem.
 */
class TransportBindExceptionTests {

    /** Fails if a taken port is not told apart, or the address or port is lost. */
    @Test
    void aPortInUseIsSaidSoWithTheAddressAndPort() {
        TransportBindException taken = new TransportBindException("10.0.0.1", 4370,
                new BindException("Address already in use"));

        assertThat(taken.isAddressInUse()).isTrue();
        assertThat(taken.bindAddress()).isEqualTo("10.0.0.1");
        assertThat(taken.port()).isEqualTo(4370);
        assertThat(taken)
            .hasMessage("Cannot listen on 10.0.0.1:4370: port 4370 is already in use (or the address is not local)");
    }

    /** Fails if any failure to listen is reported as a port in use. */
    @Test
    void anAddressThatDoesNotResolveIsNoPortInUse() {
        UnknownHostException unknown = new UnknownHostException("nowhere.invalid");
        TransportBindException failed = new TransportBindException("nowhere.invalid", 4370, unknown);

        assertThat(failed.isAddressInUse()).isFalse();
        assertThat(failed.bindAddress()).isEqualTo("nowhere.invalid");
        assertThat(failed).hasMessage("Cannot listen on nowhere.invalid:4370: " + unknown).hasCause(unknown);
    }

}
