package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.gencluster.NodeMetadata;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerMetadataChangedEvent;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two web nodes in one JVM: what each publishes about itself reaches the other, at the
 * join and at each change.
 */
class NodeMetadataClusterTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aNodePublishesItsWebPortAndItsConfiguredEntriesAndPeersSeeThemInTheEventAndTheEndpoint() {
        int unused = TestApplication.freePort();
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + unused)
            .properties("gen-cluster.metadata.zone=eu-1")
            .start(); TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> b.manager().members().size() == 1);

            Map<String, String> published = a.manager().self().metadata();
            assertThat(published).containsEntry(NodeMetadata.WEB_PORT, Integer.toString(a.webPort()))
                .containsEntry(NodeMetadata.WEB_SCHEME, "http")
                .containsEntry("zone", "eu-1");
            assertThat(b.events()).filteredOn(PeerJoinedEvent.class::isInstance)
                .singleElement()
                .satisfies(event -> assertThat(event.getNode().metadata()).isEqualTo(published));
            assertThat(a.getJson("/actuator/cluster").get("self").get("metadata").get("zone").stringValue())
                .isEqualTo("eu-1");
        }
    }

    @Test
    void aChangeReachesPeersAsOneEventAndInTheEndpointWithoutAReconnect() {
        int unused = TestApplication.freePort();
        try (TestApplication a = TestApplication.named("a").web().staticNodes("127.0.0.1:" + unused).start();
                TestApplication b = TestApplication.named("b").web().staticNodes(a.clusterAddress()).start()) {
            await().atMost(DEADLINE).until(() -> b.manager().members().size() == 1);
            Map<String, String> before = a.manager().self().metadata();

            Map<String, String> changed = new LinkedHashMap<>(before);
            changed.put("zone", "eu-2");
            a.manager().updateMetadata(changed);

            await().atMost(DEADLINE).until(() -> metadataOf(b.getJson("/actuator/cluster"), a.id()).has("zone"));
            assertThat(metadataOf(b.getJson("/actuator/cluster"), a.id()).get("zone").stringValue()).isEqualTo("eu-2");
            List<PeerMetadataChangedEvent> changes = b.events()
                .stream()
                .filter(PeerMetadataChangedEvent.class::isInstance)
                .map(PeerMetadataChangedEvent.class::cast)
                .toList();
            assertThat(changes).singleElement().satisfies(event -> {
                assertThat(event.getNode().id()).isEqualTo(a.id());
                assertThat(event.getNode().metadata()).isEqualTo(changed);
                assertThat(event.getPreviousMetadata()).isEqualTo(before);
            });
            assertThat(b.manager().member(a.id()).orElseThrow().metadata()).isEqualTo(changed);
            assertThat(b.events()).filteredOn(PeerJoinedEvent.class::isInstance).hasSize(1);
        }
    }

    private static JsonNode metadataOf(JsonNode cluster, String id) {
        for (JsonNode member : cluster.get("members")) {
            if (member.get("node").stringValue().equals(id)) {
                return member.get("metadata");
            }
        }
        throw new AssertionError("no member " + id + " in " + cluster);
    }

}
