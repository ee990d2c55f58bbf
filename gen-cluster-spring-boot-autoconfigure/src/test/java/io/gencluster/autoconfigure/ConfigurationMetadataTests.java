package io.gencluster.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the {@code gen-cluster.*} properties: the metadata the
 * configuration processor generates from {@link GenClusterProperties}, merged with
 * {@code additional-spring-configuration-metadata.json}.
 */
class ConfigurationMetadataTests {

    /**
     * Properties with no default, because leaving them unset means something (derived or
     * absent).
     */
    private static final Set<String> OPTIONAL = Set.of("gen-cluster.node-name", "gen-cluster.discovery.dns.domain",
            "gen-cluster.discovery.dns.host-type", "gen-cluster.transport.advertise-host",
            "gen-cluster.transport.cookie", "gen-cluster.transport.ssl.bundle",
            "gen-cluster.discovery.spring-cloud.service-id");

    private static final JsonNode METADATA = load();

    @Test
    void everyPropertyIsDescribed() {
        assertThat(properties()).isNotEmpty()
            .allSatisfy(
                    property -> assertThat(property.path("description").asString()).as(property.get("name").asString())
                        .isNotBlank());
    }

    @Test
    void everyPropertyHasADefaultUnlessUnsetMeansSomething() {
        List<String> withoutDefault = properties().stream()
            .filter(property -> !property.has("defaultValue"))
            .map(property -> property.get("name").asString())
            .filter(name -> !OPTIONAL.contains(name))
            .toList();
        assertThat(withoutDefault).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gen-cluster.refresh-interval           | "5s"
            gen-cluster.transport.max-frame-size   | 1048576
            gen-cluster.discovery.epmd.hosts       | ["localhost"]
            gen-cluster.discovery.strategy         | []
            gen-cluster.discovery.static.nodes     | []
            gen-cluster.discovery.dns.nameservers  | []
            gen-cluster.discovery.dns.record-type  | "a"
            gen-cluster.transport.port             | 4370
            gen-cluster.metadata                   | {}
            """)
    void showsTheDefault(String name, String json) {
        assertThat(property(name).get("defaultValue")).isEqualTo(JsonMapper.builder().build().readTree(json));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gen-cluster.refresh-interval           | infinity, 5s
            gen-cluster.discovery.strategy         | static, dns, epmd, spring-cloud
            gen-cluster.metadata.keys              | web-port, web-scheme, management-port, version, service
            gen-cluster.discovery.dns.record-type  | a, srv
            gen-cluster.discovery.dns.host-type    | ip, hostname
            """)
    void hintsTheValuesAsTheReadmeWritesThem(String name, String values) {
        JsonNode hint = StreamSupport.stream(METADATA.get("hints").spliterator(), false)
            .filter(candidate -> candidate.get("name").asString().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no hint for " + name));
        Map<String, String> described = new HashMap<>();
        hint.get("values")
            .forEach(value -> described.put(value.get("value").asString(), value.path("description").asString()));
        assertThat(described).containsOnlyKeys(values.split(",\\s*"));
        assertThat(described.values()).allSatisfy(description -> assertThat(description).isNotBlank());
    }

    private static List<JsonNode> properties() {
        return StreamSupport.stream(METADATA.get("properties").spliterator(), false).toList();
    }

    private static JsonNode property(String name) {
        return properties().stream()
            .filter(property -> property.get("name").asString().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no metadata for " + name));
    }

    /**
     * This module's metadata: the one of the metadata files on the class path that
     * describes gen-cluster.
     */
    private static JsonNode load() {
        try {
            JsonMapper json = JsonMapper.builder().build();
            for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    JsonNode metadata = json.readTree(in);
                    if (StreamSupport.stream(metadata.path("groups").spliterator(), false)
                        .anyMatch(group -> group.get("name").asString().equals("gen-cluster"))) {
                        return metadata;
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        throw new IllegalStateException(
                "no gen-cluster metadata on the class path: did the configuration processor run?");
    }

}
