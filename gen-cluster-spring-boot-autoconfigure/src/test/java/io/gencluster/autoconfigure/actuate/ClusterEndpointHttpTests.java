package io.gencluster.autoconfigure.actuate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.PeerLeftEvent;
import io.gencluster.testsupport.TestApplication;
import io.gencluster.testsupport.TestCookies;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cluster} endpoint over real HTTP, on nodes linked by the TCP transport on
 * 127.0.0.1.
 */
class ClusterEndpointHttpTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void threeNodesShowEveryDocumentedField() throws IOException {
        int unused = freePort();
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + unused)
            .properties("gen-cluster.refresh-interval=500ms")
            .start();
                TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start();
                TestApplication c = TestApplication.named("c").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 2);
            await().atMost(DEADLINE).until(() -> everyMemberHasRoundTrip(a.getJson("/actuator/cluster")));

            JsonNode cluster = a.getJson("/actuator/cluster");
            Files.writeString(Path.of("target", "cluster-endpoint-3-nodes.json"), TestApplication.pretty(cluster));

            assertThat(cluster.propertyNames()).containsExactlyInAnyOrder("running", "self", "strategies",
                    "refreshInterval", "lastRefresh", "members", "discovered", "pending", "undiscovered", "flapping",
                    "missingLinks", "suspicions");
            assertThat(cluster.get("undiscovered").size()).isZero();
            assertThat(cluster.get("suspicions").size()).isZero();
            assertThat(cluster.get("flapping").size()).isZero();
            assertThat(cluster.get("running").booleanValue()).isTrue();
            ClusterNode self = a.manager().self();
            JsonNode selfJson = cluster.get("self");
            assertThat(selfJson.propertyNames()).containsExactlyInAnyOrder("id", "name", "address", "incarnation",
                    "startedAt", "metadata");
            assertThat(selfJson.get("id").stringValue()).isEqualTo(self.id()).startsWith("a@127.0.0.1:");
            assertThat(selfJson.get("name").stringValue()).isEqualTo("a");
            assertThat(selfJson.get("address").stringValue()).isEqualTo("127.0.0.1:" + self.address().port());
            assertThat(selfJson.get("incarnation").stringValue()).isEqualTo(self.incarnationHex()).hasSize(16);
            assertThat(Instant.parse(selfJson.get("startedAt").stringValue())).isEqualTo(self.connectedSince());

            assertThat(strings(cluster.get("strategies"))).containsExactly("static [127.0.0.1:" + unused + "]");
            assertThat(cluster.get("refreshInterval").isNumber()).isTrue();
            assertThat(cluster.get("refreshInterval").asLong()).isEqualTo(500);

            JsonNode lastRefresh = cluster.get("lastRefresh");
            assertThat(lastRefresh.propertyNames()).containsExactlyInAnyOrder("at", "durationMs", "discovered",
                    "errors");
            assertThat(Instant.parse(lastRefresh.get("at").stringValue())).isAfter(self.connectedSince());
            assertThat(lastRefresh.get("durationMs").isNumber()).isTrue();
            assertThat(lastRefresh.get("discovered").asInt()).isEqualTo(1);
            assertThat(lastRefresh.get("errors").size()).isZero();

            assertThat(cluster.get("members").size()).isEqualTo(2);
            for (JsonNode member : cluster.get("members")) {
                assertThat(member.propertyNames()).containsExactlyInAnyOrder("node", "address", "incarnation", "since",
                        "rttMs", "direction", "metadata", "messages");
                assertThat(member.get("messages").propertyNames()).containsExactlyInAnyOrder("sent", "received");
                assertThat(member.get("messages").get("sent").isNumber()).isTrue();
                TestApplication peer = member.get("node").stringValue().equals(b.id()) ? b : c;
                ClusterNode seen = a.manager().member(peer.id()).orElseThrow();
                assertThat(member.get("node").stringValue()).isEqualTo(peer.id());
                assertThat(member.get("address").stringValue()).isEqualTo(peer.manager().self().address().endpoint());
                assertThat(member.get("incarnation").stringValue()).isEqualTo(peer.manager().self().incarnationHex());
                assertThat(Instant.parse(member.get("since").stringValue())).isEqualTo(seen.connectedSince());
                assertThat(member.get("rttMs").isNumber()).isTrue();
                assertThat(member.get("rttMs").doubleValue()).isPositive().isLessThan(3_000);
                assertThat(member.get("direction").stringValue()).as("b and c dialled a").isEqualTo("inbound");
                assertThat(directionOf(a.id(), peer)).as("%s's end of the link", peer.id()).isEqualTo("outbound");
            }
            assertThat(memberIds(cluster)).containsExactlyInAnyOrder(b.id(), c.id());

            assertThat(strings(cluster.get("discovered"))).containsExactly("127.0.0.1:" + unused);
            assertThat(cluster.get("pending").size()).isEqualTo(1);
            JsonNode pending = cluster.get("pending").get(0);
            assertThat(pending.propertyNames()).containsExactlyInAnyOrder("address", "attempts", "lastError",
                    "nextAttemptAt");
            assertThat(pending.get("address").stringValue()).isEqualTo("127.0.0.1:" + unused);
            assertThat(pending.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(pending.get("lastError").stringValue()).containsIgnoringCase("refused");
            assertThat(Instant.parse(pending.get("nextAttemptAt").stringValue())).isAfter(self.connectedSince());

            JsonNode fromB = b.getJson("/actuator/cluster");
            assertThat(strings(fromB.get("discovered"))).containsExactly(a.clusterAddress());
            assertThat(fromB.get("pending").size()).isZero();
            await().atMost(DEADLINE).until(() -> b.getJson("/actuator/cluster").get("members").size() == 2);
        }
    }

    @Test
    void showsOneMemberAndAnswers404ForUnknownOnes() {
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + freePort())
            .properties("management.endpoint.cluster.access=unrestricted")
            .start(); TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1);

            JsonNode member = a.getJson("/actuator/cluster/" + TestApplication.segment(b.id()));
            assertThat(member.get("node").stringValue()).isEqualTo(b.id());
            assertThat(member.get("incarnation").stringValue()).isEqualTo(b.manager().self().incarnationHex());

            String unknown = TestApplication.segment("nobody@127.0.0.1:1");
            assertThat(a.get("/actuator/cluster/" + unknown).statusCode()).isEqualTo(404);
            assertThat(a.delete("/actuator/cluster/" + unknown).statusCode()).isEqualTo(404);
            assertThat(a.manager().members()).hasSize(1);
        }
    }

    @Test
    void leavingNodeDisappearsAndIsReportedShutdown() {
        try (TestApplication a = TestApplication.named("a").web().staticNodes("127.0.0.1:" + freePort()).start();
                TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start();
                TestApplication c = TestApplication.named("c").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> a.getJson("/actuator/cluster").get("members").size() == 2);
            String leaving = c.id();

            c.close();

            await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(memberIds(a.getJson("/actuator/cluster"))).containsExactly(b.id()));
            assertThat(leftEvents(a)).singleElement().satisfies(left -> {
                assertThat(left.getNode().id()).isEqualTo(leaving);
                assertThat(left.getReason()).isEqualTo(LeaveReason.SHUTDOWN);
            });
        }
    }

    @Test
    void postRefreshesNowAndDeleteDisconnectsTheMember() {
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + freePort())
            .properties("gen-cluster.refresh-interval=1h", "management.endpoint.cluster.access=unrestricted")
            .start();
                TestApplication b = TestApplication.named("b")
                    .web()
                    .staticNodes(a.clusterAddress())
                    .properties("gen-cluster.refresh-interval=1h")
                    .start()) {
            await().atMost(DEADLINE)
                .until(() -> a.manager().members().size() == 1 && a.manager().lastRefresh().isPresent());
            Instant before = Instant.parse(a.getJson("/actuator/cluster").get("lastRefresh").get("at").stringValue());

            HttpResponse<String> post = a.post("/actuator/cluster");
            assertThat(post.statusCode()).isEqualTo(200);
            JsonNode refresh = TestApplication.parse(post.body());
            assertThat(refresh.propertyNames()).containsExactlyInAnyOrder("at", "durationMs", "discovered", "errors");
            assertThat(Instant.parse(refresh.get("at").stringValue())).isAfter(before);
            assertThat(refresh.get("discovered").asInt()).isEqualTo(1);
            assertThat(a.getJson("/actuator/cluster").get("lastRefresh")).isEqualTo(refresh);

            HttpResponse<String> delete = a.delete("/actuator/cluster/" + TestApplication.segment(b.id()));
            assertThat(delete.statusCode()).isEqualTo(200);
            assertThat(TestApplication.parse(delete.body()).get("node").stringValue()).isEqualTo(b.id());

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(leftEvents(a)).singleElement().satisfies(left -> {
                assertThat(left.getNode().id()).isEqualTo(b.id());
                assertThat(left.getReason()).isEqualTo(LeaveReason.DISCONNECTED);
            }));
            await().atMost(DEADLINE).until(() -> leftEvents(b).size() == 1);
            assertThat(a.getJson("/actuator/cluster").get("members").size()).isZero();
        }
    }

    @Test
    void byDefaultReadsWorkAndRefreshAndDisconnectAreRefused() {
        try (TestApplication a = TestApplication.named("a").web().staticNodes("127.0.0.1:" + freePort()).start();
                TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1);

            assertThat(a.get("/actuator/cluster").statusCode()).isEqualTo(200);
            assertThat(a.post("/actuator/cluster").statusCode()).isEqualTo(405);
            assertThat(a.delete("/actuator/cluster/" + TestApplication.segment(b.id())).statusCode()).isEqualTo(405);
            assertThat(a.manager().members()).hasSize(1);
        }
    }

    @Test
    void neverShowsTheCookie() {
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + freePort())
            .properties("management.endpoint.cluster.access=unrestricted")
            .start();
                TestApplication b = TestApplication.named("b")
                    .web()
                    .staticNodes(a.clusterAddress())
                    .properties("management.endpoint.cluster.access=unrestricted")
                    .start()) {
            await().atMost(DEADLINE).until(() -> a.manager().members().size() == 1 && !a.manager().pending().isEmpty());

            List<String> bodies = new ArrayList<>();
            for (TestApplication node : List.of(a, b)) {
                bodies.add(node.get("/actuator/cluster").body());
                String other = node == a ? b.id() : a.id();
                bodies.add(node.get("/actuator/cluster/" + TestApplication.segment(other)).body());
                bodies.add(node.post("/actuator/cluster").body());
                bodies.add(node.get("/actuator/health").body());
                bodies.add(node.get("/actuator/health/cluster").body());
            }

            assertThat(bodies).allSatisfy(body -> assertThat(body).isNotBlank()
                .doesNotContain(TestCookies.SHARED)
                .doesNotContainIgnoringCase("cookie"));
        }
    }

    private static boolean everyMemberHasRoundTrip(JsonNode cluster) {
        return cluster.get("members").valueStream().allMatch(member -> member.path("rttMs").isNumber());
    }

    private static List<String> memberIds(JsonNode cluster) {
        return cluster.get("members").valueStream().map(member -> member.get("node").stringValue()).toList();
    }

    private static List<PeerLeftEvent> leftEvents(TestApplication node) {
        return node.events().stream().filter(PeerLeftEvent.class::isInstance).map(PeerLeftEvent.class::cast).toList();
    }

    private static List<String> strings(Iterable<JsonNode> nodes) {
        List<String> values = new ArrayList<>();
        nodes.forEach(node -> values.add(node.stringValue()));
        return values;
    }

    /** The direction a node's endpoint shows for one of its members. */
    private static String directionOf(String memberId, TestApplication node) {
        JsonNode members = node.getJson("/actuator/cluster").get("members");
        for (JsonNode member : members) {
            if (member.get("node").stringValue().equals(memberId)) {
                return member.get("direction").stringValue();
            }
        }
        throw new AssertionError(node.id() + " does not show " + memberId + ": " + members);
    }

}
