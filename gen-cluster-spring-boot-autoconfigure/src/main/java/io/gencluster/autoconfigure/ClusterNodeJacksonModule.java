package io.gencluster.autoconfigure;

import java.util.Locale;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.ser.std.ToStringSerializer;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * Writes a {@link ClusterNode} as the {@code cluster} endpoint shows a node: {@code id},
 * {@code name}, {@code address} ({@code host:port}), {@code incarnation} as 16 hex digits
 * (a string: JavaScript would round a 64-bit number), {@code since} (ISO-8601),
 * {@code direction} in lower case and {@code metadata} (an object of strings); and a
 * {@link NodeAddress} as its parseable text. The values stay free of Jackson; this module
 * is their JSON.
 */
public class ClusterNodeJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public ClusterNodeJacksonModule() {
        super("gen-cluster");
        addSerializer(ClusterNode.class, new ClusterNodeSerializer());
        addSerializer(NodeAddress.class, ToStringSerializer.instance);
    }

    private static final class ClusterNodeSerializer extends StdSerializer<ClusterNode> {

        ClusterNodeSerializer() {
            super(ClusterNode.class);
        }

        @Override
        public void serialize(ClusterNode node, JsonGenerator json, SerializationContext context) {
            json.writeStartObject();
            json.writeStringProperty("id", node.id());
            json.writeStringProperty("name", node.name());
            json.writeStringProperty("address", node.address().endpoint());
            json.writeStringProperty("incarnation", node.incarnationHex());
            json.writeStringProperty("since", node.connectedSince().toString());
            json.writeStringProperty("direction", node.direction().name().toLowerCase(Locale.ROOT));
            json.writeName("metadata");
            json.writeStartObject();
            node.metadata().forEach(json::writeStringProperty);
            json.writeEndObject();
            json.writeEndObject();
        }

    }

}
