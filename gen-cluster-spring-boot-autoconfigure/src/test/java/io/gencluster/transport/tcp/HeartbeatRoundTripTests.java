package io.gencluster.transport.tcp;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatRoundTripTests {

    @Test
    void theRoundTripIsTheTimeSinceTheEchoedHeartbeatLessTheTimeThePeerHeldIt() {
        Message.Heartbeat echo = new Message.Heartbeat(9_000, 1_000, 5_000);
        assertThat(echo.roundTrip(7_500)).contains(Duration.ofNanos(1_500));
    }

    @Test
    void aHeartbeatThatEchoesNothingMeasuresNothing() {
        Message.Heartbeat first = new Message.Heartbeat(9_000, 0, Message.Heartbeat.NOTHING_ECHOED);
        assertThat(first.roundTrip(7_500)).isEmpty();
    }

    @Test
    void aPeerClaimingToHaveHeldItLongerThanPossibleMeasuresNothing() {
        Message.Heartbeat liar = new Message.Heartbeat(9_000, 1_000, 60_000);
        assertThat(liar.roundTrip(7_500)).isEmpty();
    }

}
