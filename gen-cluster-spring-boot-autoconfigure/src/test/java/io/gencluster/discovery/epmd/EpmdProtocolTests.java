package io.gencluster.discovery.epmd;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpmdProtocolTests {

    private static final NodeEntry ORDERS = NodeEntry.genCluster("orders", 4370);

    @Test
    void alive2RequestHasTheDocumentedLayout() {
        byte[] expected = concat(new byte[] { 0, 13 + 6 + 13, 120, 0x11, 0x12, 72, 0, 0, 6, 0, 5, 0, 6 },
                ascii("orders"), new byte[] { 0, 13 }, ascii("gen-cluster/1"));

        assertThat(new EpmdRequest.Alive2(ORDERS).encode()).isEqualTo(expected);
    }

    @Test
    void portPlease2AndNamesRequestsHaveTheDocumentedLayout() {
        assertThat(new EpmdRequest.PortPlease2("orders").encode())
            .isEqualTo(concat(new byte[] { 0, 7, 122 }, ascii("orders")));
        assertThat(new EpmdRequest.Names().encode()).isEqualTo(new byte[] { 0, 1, 110 });
    }

    @Test
    void requestsDecodeToWhatWasEncoded() throws Exception {
        NodeEntry erlang = new NodeEntry("x", 40561, NodeEntry.NODE_TYPE_NORMAL, 0, 6, 5, new byte[0]);

        assertThat(EpmdRequest.decode(body(new EpmdRequest.Alive2(ORDERS)))).isEqualTo(new EpmdRequest.Alive2(ORDERS));
        assertThat(EpmdRequest.decode(body(new EpmdRequest.Alive2(erlang)))).isEqualTo(new EpmdRequest.Alive2(erlang));
        assertThat(EpmdRequest.decode(body(new EpmdRequest.PortPlease2("ö"))))
            .isEqualTo(new EpmdRequest.PortPlease2("ö"));
        assertThat(EpmdRequest.decode(body(new EpmdRequest.Names()))).isEqualTo(new EpmdRequest.Names());
    }

    @Test
    void portPlease2WithTheOldTrailingNulDecodesWithoutIt() throws Exception {
        assertThat(EpmdRequest.decode(concat(new byte[] { 122 }, ascii("orders"), new byte[] { 0 })))
            .isEqualTo(new EpmdRequest.PortPlease2("orders"));
    }

    @Test
    void everyTruncationOfAnAlive2RequestIsRejected() {
        byte[] body = body(new EpmdRequest.Alive2(ORDERS));
        for (int length = 0; length < body.length; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> EpmdRequest.decode(truncated)).as("first %d bytes", length)
                .isInstanceOf(EpmdProtocolException.class);
        }
    }

    @Test
    void malformedRequestsAreRejectedWithTheReason() {
        byte[] alive2 = body(new EpmdRequest.Alive2(ORDERS));
        byte[] longName = alive2.clone();
        longName[10] = (byte) 0xFF;
        byte[] nulInName = alive2.clone();
        nulInName[12] = 0;
        byte[] notUtf8 = alive2.clone();
        notUtf8[12] = (byte) 0xC3;

        assertThatThrownBy(() -> EpmdRequest.decode(new byte[0])).hasMessageContaining("empty EPMD request");
        assertThatThrownBy(() -> EpmdRequest.decode(new byte[] { 107 }))
            .hasMessageContaining("unsupported EPMD request code 107");
        assertThatThrownBy(() -> EpmdRequest.decode(longName)).hasMessageContaining("ALIVE2_REQ node name: length 255");
        assertThatThrownBy(() -> EpmdRequest.decode(concat(alive2, new byte[] { 1 })))
            .hasMessageContaining("1 bytes after the extra field");
        assertThatThrownBy(() -> EpmdRequest.decode(nulInName)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> EpmdRequest.decode(notUtf8)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> EpmdRequest.decode(new byte[] { 122 }))
            .hasMessageContaining("malformed PORT_PLEASE2_REQ");
        assertThatThrownBy(() -> EpmdRequest.decode(new byte[] { 110, 0 })).hasMessageContaining("malformed NAMES_REQ");
    }

    @Test
    void alive2ReplyIsReadInBothForms() throws Exception {
        assertThat(Alive2Reply.read(reader(new byte[] { 118, 0, 0x12, 0x34, 0x56, 0x78 })))
            .isEqualTo(new Alive2Reply(0, 0x12345678L, true));
        assertThat(Alive2Reply.read(reader(new byte[] { 121, 0, 0, 3 }))).isEqualTo(new Alive2Reply(0, 3, false));
        assertThat(Alive2Reply.read(reader(new byte[] { 121, 1, 0, 99 })).registered()).isFalse();
        assertThat(Alive2Reply.read(reader(new byte[] { 118, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE }))
            .creation()).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void alive2RepliesRoundTrip() throws Exception {
        Alive2Reply extended = new Alive2Reply(0, 0xDEADBEEFL, true);
        Alive2Reply old = new Alive2Reply(1, 2, false);

        assertThat(Alive2Reply.read(reader(extended.encode()))).isEqualTo(extended);
        assertThat(Alive2Reply.read(reader(old.encode()))).isEqualTo(old);
    }

    @Test
    void malformedAlive2RepliesAreRejected() {
        assertThatThrownBy(() -> Alive2Reply.read(reader(ascii("HTTP/1.1 400"))))
            .isInstanceOf(EpmdProtocolException.class)
            .hasMessageContaining("code 72 where ALIVE2_RESP (121) or ALIVE2_X_RESP (118) belongs; is it an epmd?");
        assertThatThrownBy(() -> Alive2Reply.read(reader(new byte[] { 118, 0, 0, 0 })))
            .hasMessageContaining("truncated reply from the port mapper at test:4369: connection closed after 4 bytes, "
                    + "before the ALIVE2_X_RESP creation");
        assertThatThrownBy(() -> Alive2Reply.read(reader(new byte[0])))
            .hasMessageContaining("before the ALIVE2 reply code");
    }

    @Test
    void port2ReplyIsReadWithTheWholeEntry() throws Exception {
        byte[] reply = concat(new byte[] { 119, 0, 0x11, 0x12, 72, 0, 0, 6, 0, 5, 0, 6 }, ascii("orders"),
                new byte[] { 0, 13 }, ascii("gen-cluster/1"));

        NodeEntry entry = Port2Reply.read(reader(reply), "orders").found().orElseThrow();

        assertThat(entry).isEqualTo(ORDERS);
        assertThat(entry.isGenCluster()).isTrue();
        assertThat(new Port2Reply(ORDERS).encode()).isEqualTo(reply);
    }

    @Test
    void port2ReplyForAnUnknownNameIsEmpty() throws Exception {
        assertThat(Port2Reply.read(reader(new byte[] { 119, 1 }), "gone").found()).isEmpty();
        assertThat(new Port2Reply(null).encode()).isEqualTo(new byte[] { 119, 1 });
    }

    @Test
    void aPlainErlangNodeIsNotAGenClusterNode() throws Exception {
        NodeEntry erlang = new NodeEntry("x", 40561, NodeEntry.NODE_TYPE_NORMAL, 0, 6, 5, new byte[0]);

        NodeEntry read = Port2Reply.read(reader(new Port2Reply(erlang).encode()), "x").found().orElseThrow();

        assertThat(read).isEqualTo(erlang);
        assertThat(read.isGenCluster()).isFalse();
    }

    @Test
    void everyTruncationOfAPort2ReplyIsRejected() {
        byte[] reply = new Port2Reply(ORDERS).encode();
        for (int length = 0; length < reply.length; length++) {
            byte[] truncated = Arrays.copyOf(reply, length);
            assertThatThrownBy(() -> Port2Reply.read(reader(truncated), "orders")).as("first %d bytes", length)
                .isInstanceOf(EpmdProtocolException.class)
                .hasMessageContaining("truncated reply from the port mapper at test:4369");
        }
    }

    @Test
    void malformedPort2RepliesAreRejected() {
        byte[] hugeName = new byte[] { 119, 0, 0x11, 0x12, 72, 0, 0, 6, 0, 5, (byte) 0xFF, (byte) 0xFF };
        byte[] portZero = new Port2Reply(ORDERS).encode();
        portZero[2] = 0;
        portZero[3] = 0;

        assertThatThrownBy(() -> Port2Reply.read(reader(hugeName), "orders"))
            .hasMessageContaining("PORT2_RESP node name of 65535 bytes, at most 1020 allowed");
        assertThatThrownBy(() -> Port2Reply.read(reader(new Port2Reply(ORDERS).encode()), "billing"))
            .hasMessageContaining("answered for node 'orders' when asked for 'billing'");
        assertThatThrownBy(() -> Port2Reply.read(reader(new byte[] { 121, 0 }), "orders"))
            .hasMessageContaining("code 121 where PORT2_RESP (119) belongs");
        assertThatThrownBy(() -> Port2Reply.read(reader(portZero), "orders"))
            .hasMessageContaining("malformed PORT2_RESP from the port mapper at test:4369: Port mapper port 0");
    }

    @Test
    void namesReplyIsReadLineByLine() throws Exception {
        byte[] reply = concat(new byte[] { 0, 0, 0x11, 0x11 },
                ascii("name orders at port 4370\nname x at port 40561\nname with space at port 7\n"));

        NamesReply names = NamesReply.read(reader(reply));

        assertThat(names.portMapperPort()).isEqualTo(4369);
        assertThat(names.nodes()).containsExactly(new NamesReply.Registered("orders", 4370),
                new NamesReply.Registered("x", 40561), new NamesReply.Registered("with space", 7));
        assertThat(names.encode()).isEqualTo(reply);
    }

    @Test
    void namesReplyWithNoNodesIsEmpty() throws Exception {
        assertThat(NamesReply.read(reader(new byte[] { 0, 0, 0x11, 0x11 })).nodes()).isEmpty();
    }

    @Test
    void malformedNamesRepliesAreRejected() {
        byte[] port = { 0, 0, 0x11, 0x11 };

        assertThatThrownBy(() -> NamesReply.read(reader(new byte[] { 0, 0 })))
            .hasMessageContaining("before the NAMES reply port");
        assertThatThrownBy(() -> NamesReply.read(reader(concat(port, ascii("name orders at port 43")))))
            .hasMessageContaining("truncated NAMES reply from the port mapper at test:4369: the last line has no end");
        for (String line : List.of("nom orders at port 4370", "name orders at port", "name orders at port -1",
                "name orders at port 65536", "name  at port 4370", "name orders at port 43x", "")) {
            assertThatThrownBy(() -> NamesReply.read(reader(concat(port, ascii("name a at port 1\n" + line + "\n")))))
                .as(line)
                .hasMessageContaining("malformed NAMES reply from the port mapper at test:4369: line '" + line + "'");
        }
        assertThatThrownBy(() -> NamesReply.read(reader(concat(port, ascii("name ev\u001b[2Jil at port 7\n")))))
            .as("a name with control characters is refused and shown escaped, so it cannot forge a log line")
            .hasMessageContaining("line 'name ev\\u001b[2Jil at port 7'")
            .hasMessageNotContaining("\u001b");
    }

    @Test
    void nodeNamesWithControlCharactersAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> NodeEntry.checkName("a\nINFO forged")).hasMessageContaining("control characters")
            .hasMessageNotContaining("forged");
    }

    @Test
    void anEndlessNamesReplyStopsAtTheLimitWithoutBufferingIt() {
        InputStream endless = new InputStream() {

            private long sent;

            @Override
            public int read() {
                return sent++ < 4 ? 0 : 'a';
            }
        };

        assertThatThrownBy(() -> NamesReply.read(new ReplyReader(endless, "test:4369")))
            .isInstanceOf(EpmdProtocolException.class)
            .hasMessageContaining("NAMES reply from the port mapper at test:4369 is longer than 1048576 bytes");
    }

    @Test
    void nodeEntriesOutsideTheProtocolAreRefused() {
        assertThatThrownBy(() -> NodeEntry.genCluster("", 4370)).hasMessageContaining("a name has 1 to 255 characters");
        assertThatThrownBy(() -> NodeEntry.genCluster("a".repeat(256), 4370))
            .hasMessageContaining("1 to 255 characters");
        assertThatThrownBy(() -> NodeEntry.genCluster("orders", 70000))
            .hasMessageContaining("port 70000 is outside 1..65535");
        assertThatThrownBy(() -> new NodeEntry("orders", 1, 72, 0, 6, 5, new byte[1021]))
            .hasMessageContaining("extra field of 1021 bytes");
    }

    private static ReplyReader reader(byte[] bytes) {
        return new ReplyReader(new ByteArrayInputStream(bytes), "test:4369");
    }

    private static byte[] body(EpmdRequest request) {
        byte[] frame = request.encode();
        assertThat(((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF)).isEqualTo(frame.length - 2);
        return Arrays.copyOfRange(frame, 2, frame.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

}
