package io.gencluster.messaging;

import java.lang.reflect.Type;

import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link ClusterPayloadCodec}: JSON through the application's Jackson 3
 * {@link JsonMapper} (its modules and settings), with default typing switched off, so no
 * class name is written or trusted: the receiver's declared type decides what the bytes
 * become.
 */
public class JsonPayloadCodec implements ClusterPayloadCodec {

    private final JsonMapper mapper;

    /**
     * Creates the codec.
     * @param mapper the application's mapper; a copy without default typing is used
     */
    public JsonPayloadCodec(JsonMapper mapper) {
        this.mapper = mapper.rebuild().deactivateDefaultTyping().build();
    }

    @Override
    public byte[] encode(Object payload) {
        return mapper.writeValueAsBytes(payload);
    }

    @Override
    public Object decode(byte[] bytes, Type type) {
        return mapper.readValue(bytes, mapper.constructType(type));
    }

}
