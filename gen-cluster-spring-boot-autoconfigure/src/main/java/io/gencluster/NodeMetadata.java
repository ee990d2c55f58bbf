package io.gencluster;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a node publishes about itself: a few string entries, sent to every peer when a
 * link comes up and again whenever they change, so that a peer learns, say, the web port
 * to call it on. The entries gen-cluster fills in itself use the keys below; an
 * application adds its own beside them.
 * <p>
 * Bounded, since every peer holds every node's metadata: at most {@value #MAX_ENTRIES}
 * entries and {@value #MAX_ENCODED_BYTES} bytes encoded (each key and value as UTF-8
 * behind a 2-byte length, after a 2-byte count); keys non-empty, and neither keys nor
 * values with control characters.
 */
public final class NodeMetadata {

    /** The port of the node's web server. */
    public static final String WEB_PORT = "web-port";

    /** The scheme of the node's web server: {@code http} or {@code https}. */
    public static final String WEB_SCHEME = "web-scheme";

    /**
     * The port of the node's management (actuator) server, when it is not the web port.
     */
    public static final String MANAGEMENT_PORT = "management-port";

    /** The version of the application, from its build information. */
    public static final String VERSION = "version";

    /**
     * The service the node is an instance of for Spring Cloud, set by the application
     * (for instance where node names must differ, as with port-mapper discovery); without
     * it, the node's name.
     */
    public static final String SERVICE = "service";

    /** The most entries a node's metadata may have. */
    public static final int MAX_ENTRIES = 64;

    /** The most bytes a node's metadata may take encoded. */
    public static final int MAX_ENCODED_BYTES = 4096;

    private NodeMetadata() {
    }

    /**
     * Checks metadata against the bounds.
     * @param metadata the entries
     * @return an unmodifiable copy, sorted by key
     * @throws IllegalArgumentException naming the bound that is exceeded or the entry
     * that is invalid
     */
    public static Map<String, String> checked(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "Node metadata has " + metadata.size() + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        Map<String, String> sorted = new TreeMap<>();
        metadata.forEach((key, value) -> {
            if (key == null || key.isEmpty() || value == null || hasControlCharacter(key)
                    || hasControlCharacter(value)) {
                throw new IllegalArgumentException("Invalid node metadata entry '" + key + "'='" + value
                        + "': keys must be non-empty, values present, neither with control characters");
            }
            sorted.put(key, value);
        });
        int size = encodedSize(sorted);
        if (size > MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException(
                    "Node metadata takes " + size + " bytes encoded; at most " + MAX_ENCODED_BYTES + " are allowed");
        }
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * How many bytes metadata takes encoded: a 2-byte count, then each key and value as
     * UTF-8 behind a 2-byte length.
     */
    public static int encodedSize(Map<String, String> metadata) {
        int size = 2;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            size += 4 + utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        return size;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

}
