package io.gencluster.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.gencluster.testsupport.TestApplication;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cluster} health contributor over real HTTP, in the readiness group as the
 * README advises, flipping at {@code gen-cluster.health.min-members} as real nodes join
 * and leave.
 */
class ClusterHealthHttpTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void isDownBelowMinMembersAndUpFromThereInReadinessButNeverInLiveness() {
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + freePort())
            .properties("gen-cluster.health.min-members=2", "management.endpoint.health.probes.enabled=true",
                    "management.endpoint.health.group.readiness.include=readinessState,cluster")
            .start()) {
            assertStatus(a, "/actuator/health/cluster", 503, "DOWN");
            JsonNode alone = TestApplication.parse(a.get("/actuator/health/cluster").body()).get("details");
            assertThat(alone.get("members").asInt()).isZero();
            assertThat(alone.get("minMembers").asInt()).isEqualTo(2);
            assertThat(alone.get("reason").stringValue()).isEqualTo("0 member(s), at least 2 needed");
            assertStatus(a, "/actuator/health/readiness", 503, "DOWN");
            assertStatus(a, "/actuator/health/liveness", 200, "UP");

            try (TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
                await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1);
                assertStatus(a, "/actuator/health/cluster", 503, "DOWN");

                try (TestApplication c = TestApplication.named("c").web().staticNodes(a.clusterAddress()).start()) {
                    await().atMost(DEADLINE)
                        .untilAsserted(() -> assertStatus(a, "/actuator/health/cluster", 200, "UP"));
                    JsonNode details = TestApplication.parse(a.get("/actuator/health/cluster").body()).get("details");
                    assertThat(details.get("members").asInt()).isEqualTo(2);
                    assertThat(details.get("memberIds").valueStream().map(JsonNode::stringValue).toList())
                        .containsExactlyInAnyOrder(b.id(), c.id());
                    assertThat(details.get("discovered").asInt()).isEqualTo(1);
                    assertThat(details.get("pending").asInt()).isEqualTo(1);
                    assertThat(details.has("reason")).isFalse();
                    assertStatus(a, "/actuator/health/readiness", 200, "UP");
                    assertStatus(a, "/actuator/health", 200, "UP");
                }

                await().atMost(DEADLINE).untilAsserted(() -> assertStatus(a, "/actuator/health/cluster", 503, "DOWN"));
                assertStatus(a, "/actuator/health/readiness", 503, "DOWN");
                assertStatus(a, "/actuator/health/liveness", 200, "UP");
            }
        }
    }

    @Test
    void isUpWithoutPeersByDefault() {
        try (TestApplication a = TestApplication.named("a").web().staticNodes("127.0.0.1:" + freePort()).start()) {
            assertStatus(a, "/actuator/health/cluster", 200, "UP");
            JsonNode details = TestApplication.parse(a.get("/actuator/health/cluster").body()).get("details");
            assertThat(details.get("members").asInt()).isZero();
            assertThat(details.get("minMembers").asInt()).isZero();
        }
    }

    private static void assertStatus(TestApplication node, String path, int code, String status) {
        HttpResponse<String> response = node.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(code);
        assertThat(TestApplication.parse(response.body()).get("status").stringValue()).isEqualTo(status);
    }

}
