package io.gencluster.autoconfigure;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;

class GenClusterJacksonAutoConfigurationTests {

    private static final ClusterNode SELF = new ClusterNode(NodeAddress.parse("a@10.0.0.1:4370"), 1L,
            Instant.parse("2025-01-02T03:04:05Z"), ClusterNode.Direction.LOCAL);

    /** An incarnation above 2^53, which a JSON number would lose in JavaScript. */
    private static final ClusterNode MEMBER = new ClusterNode(NodeAddress.parse("b@[fd00::2]:4370"),
            0xfedcba9876543210L, Instant.parse("2025-01-02T03:04:06.5Z"), ClusterNode.Direction.OUTBOUND,
            java.util.Map.of("web-port", "8080", "web-scheme", "http"));

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, GenClusterJacksonAutoConfiguration.class));

    @Test
    void writesAClusterNodeAsTheEndpointShowsANode() {
        contextRunner.run(context -> {
            JsonNode json = toTree(context.getBean(JsonMapper.class), MEMBER);
            assertThat(json).isEqualTo(JsonMapper.builder().build().readTree("""
                    {"id": "b@[fd00::2]:4370", "name": "b", "address": "[fd00::2]:4370",
                     "incarnation": "fedcba9876543210", "since": "2025-01-02T03:04:06.500Z", "direction": "outbound",
                     "metadata": {"web-port": "8080", "web-scheme": "http"}}
                    """));
        });
    }

    @Test
    void writesTheSampleMembersAnswer() {
        contextRunner.run(context -> {
            JsonNode json = toTree(context.getBean(JsonMapper.class), new Members(SELF, List.of(MEMBER)));
            assertThat(json.get("self").get("id").asString()).isEqualTo("a@10.0.0.1:4370");
            assertThat(json.get("self").get("incarnation").asString()).isEqualTo("0000000000000001");
            assertThat(json.get("self").get("direction").asString()).isEqualTo("local");
            assertThat(json.get("members")).hasSize(1);
            assertThat(json.get("members").get(0).get("incarnation").isString()).isTrue();
            assertThat(json.get("members").get(0).propertyNames()).containsExactly("id", "name", "address",
                    "incarnation", "since", "direction", "metadata");
        });
    }

    @Test
    void writesANodeAddressAsItsText() {
        contextRunner.run(context -> assertThat(context.getBean(JsonMapper.class)
            .writeValueAsString(List.of(NodeAddress.parse("b@[fd00::2]:4370"), NodeAddress.of("db", 4369))))
            .isEqualTo("[\"b@[fd00::2]:4370\",\"db:4369\"]"));
    }

    @Test
    void backsOffWithoutJackson() {
        contextRunner.withClassLoader(new FilteredClassLoader(JacksonModule.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterNodeJacksonModule.class));
    }

    private static JsonNode toTree(JsonMapper mapper, Object value) {
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    /** The answer of the sample's {@code GET /members}. */
    record Members(ClusterNode self, List<ClusterNode> members) {
    }

}
