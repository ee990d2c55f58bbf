package io.gencluster.transport.tcp.noise;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in: replays every {@code Noise_NNpsk0_25519_AESGCM_SHA256} entry of a published
 * Noise test vector file (the JSON format of cacophony, snow and noise-c) through both
 * ends and compares each message's ciphertext, each payload and the handshake hash. No
 * vector data lives in this repository, so the test is skipped, and reported as skipped,
 * unless {@code -Dnoise.vectors=/path/to/vectors.txt} names a file; a named file without
 * an entry for this protocol fails.
 *
 * @see <a href="https://github.com/noiseprotocol/noise_wiki/wiki/Test-vectors">Noise test
 * vectors</a>
 */
@EnabledIfSystemProperty(named = "noise.vectors", matches = ".+")
class NoiseTestVectorsTests {

    private static final HexFormat HEX = HexFormat.of();

    private static final byte[] NO_AD = new byte[0];

    @TestFactory
    Stream<DynamicTest> matchesPublishedVectors() throws Exception {
        Path file = Path.of(System.getProperty("noise.vectors"));
        List<Map<String, Object>> vectors = JsonPath.parse(file.toFile())
            .read("$.vectors[?(@.protocol_name == '" + HandshakeState.PROTOCOL_NAME + "')]");
        assertThat(vectors).as("entries for %s in %s", HandshakeState.PROTOCOL_NAME, file).isNotEmpty();
        return vectors.stream()
            .map((vector) -> DynamicTest.dynamicTest("handshake hash " + vector.get("handshake_hash") + ", "
                    + ((List<?>) vector.get("messages")).size() + " messages", () -> replay(vector)));
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<String, Object> vector) throws Exception {
        HandshakeState initiator = HandshakeState.initiator(psk(vector, "init_psks"), hex(vector, "init_prologue"),
                hex(vector, "init_ephemeral"));
        HandshakeState responder = HandshakeState.responder(psk(vector, "resp_psks"), hex(vector, "resp_prologue"),
                hex(vector, "resp_ephemeral"));
        List<Map<String, String>> messages = (List<Map<String, String>>) vector.get("messages");
        assertThat(messages).hasSizeGreaterThanOrEqualTo(2);

        byte[] first = HEX.parseHex(messages.get(0).get("payload"));
        assertThat(initiator.writeMessage(first)).as("message 0 ciphertext")
            .isEqualTo(HEX.parseHex(messages.get(0).get("ciphertext")));
        assertThat(responder.readMessage(HEX.parseHex(messages.get(0).get("ciphertext")))).as("message 0 payload")
            .isEqualTo(first);
        byte[] second = HEX.parseHex(messages.get(1).get("payload"));
        assertThat(responder.writeMessage(second)).as("message 1 ciphertext")
            .isEqualTo(HEX.parseHex(messages.get(1).get("ciphertext")));
        assertThat(initiator.readMessage(HEX.parseHex(messages.get(1).get("ciphertext")))).as("message 1 payload")
            .isEqualTo(second);

        NoiseSession initiatorSession = initiator.split();
        NoiseSession responderSession = responder.split();
        assertThat(initiatorSession.handshakeHash()).as("initiator's handshake hash")
            .isEqualTo(hex(vector, "handshake_hash"));
        assertThat(responderSession.handshakeHash()).as("responder's handshake hash")
            .isEqualTo(hex(vector, "handshake_hash"));

        // Transport messages alternate, initiator first, as the vector files lay them out
        // for two-way patterns.
        for (int i = 2; i < messages.size(); i++) {
            NoiseSession sender = (i % 2 == 0) ? initiatorSession : responderSession;
            NoiseSession receiver = (i % 2 == 0) ? responderSession : initiatorSession;
            byte[] payload = HEX.parseHex(messages.get(i).get("payload"));
            byte[] ciphertext = HEX.parseHex(messages.get(i).get("ciphertext"));
            assertThat(sender.sending().encrypt(NO_AD, payload)).as("message %d ciphertext", i).isEqualTo(ciphertext);
            assertThat(receiver.receiving().decrypt(NO_AD, ciphertext)).as("message %d payload", i).isEqualTo(payload);
        }
    }

    private static Psk psk(Map<String, Object> vector, String field) {
        List<?> psks = (List<?>) vector.get(field);
        assertThat(psks).as(field).hasSize(1);
        return Psk.of(HEX.parseHex((String) psks.get(0)));
    }

    private static byte[] hex(Map<String, Object> vector, String field) {
        Object value = vector.get(field);
        return (value != null) ? HEX.parseHex((String) value) : new byte[0];
    }

}
