package io.gencluster.discovery.epmd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A node as a port mapper records it: the body of {@code ALIVE2_REQ} and of a successful
 * {@code PORT2_RESP}. gen-cluster nodes register as hidden nodes with an {@code extra} of
 * {@value #GEN_CLUSTER_EXTRA}, which is how one gen-cluster node tells another from a
 * plain Erlang node.
 *
 * @param name the node name (the part before {@code @}), UTF-8, 1 to 255 characters, no
 * NUL
 * @param port the node's distribution (here: transport) port
 * @param nodeType {@value #NODE_TYPE_HIDDEN} for hidden nodes, {@value #NODE_TYPE_NORMAL}
 * for normal Erlang nodes
 * @param protocol {@value #PROTOCOL_TCP_IPV4} for TCP/IPv4
 * @param highestVersion the highest distribution version the node speaks
 * @param lowestVersion the lowest distribution version the node speaks
 * @param extra free bytes the node attached to its registration
 */
record NodeEntry(String name, int port, int nodeType, int protocol, int highestVersion, int lowestVersion,
        byte[] extra) {

    /** Node type of a hidden node: Erlang nodes do not connect to it on their own. */
    public static final int NODE_TYPE_HIDDEN = 72;

    /** Node type of a normal Erlang node. */
    public static final int NODE_TYPE_NORMAL = 77;

    /** Protocol value for TCP/IPv4, the only one epmd defines. */
    public static final int PROTOCOL_TCP_IPV4 = 0;

    /**
     * The {@code extra} a gen-cluster node registers with; the number is the gen-cluster
     * wire generation.
     */
    public static final String GEN_CLUSTER_EXTRA = "gen-cluster/1";

    /** Longest name epmd accepts, in characters. */
    public static final int MAX_NAME_CHARS = 255;

    /**
     * Longest name or extra field accepted, in bytes (255 UTF-8 characters of up to 4
     * bytes, as in epmd).
     */
    public static final int MAX_FIELD_BYTES = 1020;

    private static final String GEN_CLUSTER_PREFIX = "gen-cluster/";

    /** Checks every field against what the protocol can carry; copies {@code extra}. */
    public NodeEntry {
        checkName(name);
        checkRange("port", port, 1, 0xFFFF);
        checkRange("node type", nodeType, 0, 0xFF);
        checkRange("protocol", protocol, 0, 0xFF);
        checkRange("highest version", highestVersion, 0, 0xFFFF);
        checkRange("lowest version", lowestVersion, 0, 0xFFFF);
        extra = extra.clone();
        if (extra.length > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException("Port mapper extra field of " + extra.length + " bytes is longer than "
                    + MAX_FIELD_BYTES + " bytes");
        }
    }

    /**
     * The registration of a gen-cluster node: hidden, TCP, distribution versions 5 to 6,
     * gen-cluster extra.
     */
    public static NodeEntry genCluster(String name, int port) {
        return new NodeEntry(name, port, NODE_TYPE_HIDDEN, PROTOCOL_TCP_IPV4, 6, 5,
                GEN_CLUSTER_EXTRA.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Checks a node name as epmd does (non-empty, at most {@value #MAX_NAME_CHARS}
     * characters), and refuses control characters, which no Erlang or gen-cluster name
     * has and which could forge log lines.
     * @throws IllegalArgumentException naming the name and the rule it breaks
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            throw new IllegalArgumentException(
                    "Invalid node name for the port mapper: a name has 1 to " + MAX_NAME_CHARS + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Invalid node name for the port mapper: it contains control characters");
        }
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "Port mapper " + field + " " + value + " is outside " + min + ".." + max);
        }
    }

    /** A copy of the extra bytes. */
    @Override
    public byte[] extra() {
        return extra.clone();
    }

    /** The name as the wire carries it. */
    /** Bytes of the fields as ALIVE2_REQ and PORT2_RESP both carry them. */
    int encodedLength() {
        return 12 + nameBytes().length + extra.length;
    }

    /**
     * Writes the fields ALIVE2_REQ and PORT2_RESP share: port, node type, protocol,
     * highest and lowest version, then the name and the extra field, each after its
     * length.
     */
    ByteBuffer writeTo(ByteBuffer out) {
        byte[] name = nameBytes();
        return out.putShort((short) port)
            .put((byte) nodeType)
            .put((byte) protocol)
            .putShort((short) highestVersion)
            .putShort((short) lowestVersion)
            .putShort((short) name.length)
            .put(name)
            .putShort((short) extra.length)
            .put(extra);
    }

    byte[] nameBytes() {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this entry was registered by a gen-cluster node (any generation). */
    public boolean isGenCluster() {
        return extraText().startsWith(GEN_CLUSTER_PREFIX);
    }

    /**
     * The extra field as text, for logs; bytes that are not UTF-8 show as replacement
     * characters.
     */
    public String extraText() {
        return new String(extra, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeEntry that && name.equals(that.name) && port == that.port
                && nodeType == that.nodeType && protocol == that.protocol && highestVersion == that.highestVersion
                && lowestVersion == that.lowestVersion && Arrays.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + port;
    }

    @Override
    public String toString() {
        return name + " at port " + port + " (type " + nodeType + ", versions " + lowestVersion + ".." + highestVersion
                + ", extra '" + extraText() + "')";
    }
}
