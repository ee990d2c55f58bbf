package io.gencluster.autoconfigure.actuate;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.gencluster.testsupport.TestApplication;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster meters in the {@link SimpleMeterRegistry} Spring Boot creates, on real
 * nodes: what joins, leaves, dials and refreshes happened is what the meters count.
 */
class ClusterMetricsHttpTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void countJoinsLeavesDialsAndRefreshes() {
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + freePort())
            .properties("gen-cluster.refresh-interval=500ms")
            .start()) {
            MeterRegistry meters = a.meters();
            assertThat(meters).isInstanceOf(SimpleMeterRegistry.class);
            String bId;
            try (TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
                bId = b.id();
                await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1);

                assertThat(meters.get("gen.cluster.members").gauge().value()).isEqualTo(1.0);
                assertThat(meters.get("gen.cluster.discovered").gauge().value()).isEqualTo(1.0);
                await().atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(peerEvents(meters, "joined", "none")).isEqualTo(1));
                await().atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(
                            b.meters().get("gen.cluster.connect").tag("outcome", "success").counter().count())
                        .isPositive());
                assertThat(meters.get("gen.cluster.connect").tag("outcome", "refused").counter().count()).isPositive();
                assertThat(meters.get("gen.cluster.refresh").tag("outcome", "success").timer().count()).isPositive();
                assertThat(meters.get("gen.cluster.refresh").tag("outcome", "failure").timer().count()).isZero();
                await().atMost(DEADLINE)
                    .untilAsserted(
                            () -> assertThat(meters.get("gen.cluster.heartbeat.rtt").timer().count()).isPositive());
            }

            await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(peerEvents(meters, "left", "shutdown")).isEqualTo(1));
            assertThat(meters.get("gen.cluster.members").gauge().value()).isZero();
            assertThat(peerEvents(meters, "left", "connection_lost")).isZero();
            assertThat(peerEvents(meters, "joined", "none")).isEqualTo(1);
            for (Meter meter : meters.find("gen.cluster.connect").meters()) {
                for (Tag tag : meter.getId().getTags()) {
                    assertThat(tag.getValue()).doesNotContain("127.0.0.1").isNotEqualTo(bId);
                }
            }

            JsonNode refused = a.getJson("/actuator/metrics/gen.cluster.connect?tag=outcome:refused");
            assertThat(refused.get("measurements").get(0).get("statistic").stringValue()).isEqualTo("COUNT");
            assertThat(refused.get("measurements").get(0).get("value").doubleValue()).isPositive();
            JsonNode members = a.getJson("/actuator/metrics/gen.cluster.members");
            assertThat(members.get("baseUnit").stringValue()).isEqualTo("members");
            JsonNode refresh = a.getJson("/actuator/metrics/gen.cluster.refresh");
            assertThat(refresh.get("baseUnit").stringValue()).isEqualTo("seconds");
            assertThat(a.getJson("/actuator/metrics/gen.cluster.heartbeat.rtt").get("baseUnit").stringValue())
                .isEqualTo("seconds");
        }
    }

    private static double peerEvents(MeterRegistry meters, String type, String reason) {
        return meters.get("gen.cluster.peer.events").tag("type", type).tag("reason", reason).counter().count();
    }

}
