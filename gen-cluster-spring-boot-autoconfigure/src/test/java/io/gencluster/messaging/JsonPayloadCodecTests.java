package io.gencluster.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

class JsonPayloadCodecTests {

    private final JsonPayloadCodec codec = new JsonPayloadCodec(JsonMapper.builder().build());

    @Test
    void writesPlainJsonWithoutClassNames() {
        assertThat(text(codec.encode(new TestHandlers.Greeting("hi")))).isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void writesNoClassNamesEvenWhenTheApplicationsMapperTypesByDefault() {
        JsonMapper typing = JsonMapper.builder()
            .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
                    DefaultTyping.NON_FINAL)
            .build();
        JsonPayloadCodec codec = new JsonPayloadCodec(typing);

        String json = text(codec.encode(List.of(new TestHandlers.Greeting("hi"))));

        assertThat(json).isEqualTo("[{\"text\":\"hi\"}]").doesNotContain("io.gencluster");
    }

    @Test
    void readsIntoTheDeclaredTypeGenericsIncluded() {
        byte[] bytes = "[{\"text\":\"a\"},{\"text\":\"b\"}]".getBytes(StandardCharsets.UTF_8);

        Object decoded = codec.decode(bytes, new ParameterizedTypeReference<List<TestHandlers.Greeting>>() {
        }.getType());

        assertThat(decoded).isEqualTo(List.of(new TestHandlers.Greeting("a"), new TestHandlers.Greeting("b")));
    }

    @Test
    void bytesThatAreNotTheTypeFailToDecode() {
        assertThatRuntimeException()
            .isThrownBy(() -> codec.decode("{\"a\":".getBytes(StandardCharsets.UTF_8), TestHandlers.Sum.class));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
