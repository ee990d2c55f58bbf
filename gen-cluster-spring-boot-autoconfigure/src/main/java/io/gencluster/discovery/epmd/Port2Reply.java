package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code PORT_PLEASE2_REQ}: {@code PORT2_RESP} (code 119) with a result
 * byte, then, when the name is registered, the whole {@link NodeEntry}.
 *
 * @param node the registration, or {@code null} when the name is not registered
 */
record Port2Reply(@Nullable NodeEntry node) {

    /** Code of the reply. */
    static final int PORT2_RESP = 119;

    /** The registration, if the name is registered. */
    Optional<NodeEntry> found() {
        return Optional.ofNullable(node);
    }

    /** The reply bytes (replies carry no length prefix). */
    byte[] encode() {
        if (node == null) {
            return new byte[] { (byte) PORT2_RESP, 1 };
        }
        ByteBuffer reply = ByteBuffer.allocate(2 + node.encodedLength()).put((byte) PORT2_RESP).put((byte) 0);
        return node.writeTo(reply).array();
    }

    /**
     * Reads the reply to a request for {@code askedName}.
     * @throws EpmdProtocolException when the reply is malformed, ends early, or names
     * another node
     */
    static Port2Reply read(ReplyReader in, String askedName) throws IOException {
        int code = in.u8("PORT2_RESP code");
        if (code != PORT2_RESP) {
            throw new EpmdProtocolException("unexpected reply from the port mapper at " + in.peer() + ": code " + code
                    + " where PORT2_RESP (119) belongs; is it an epmd?");
        }
        if (in.u8("PORT2_RESP result") != 0) {
            return new Port2Reply(null);
        }
        int port = in.u16("PORT2_RESP port");
        int nodeType = in.u8("PORT2_RESP node type");
        int protocol = in.u8("PORT2_RESP protocol");
        int highest = in.u16("PORT2_RESP highest version");
        int lowest = in.u16("PORT2_RESP lowest version");
        byte[] name = field(in, "PORT2_RESP node name");
        byte[] extra = field(in, "PORT2_RESP extra");
        String nameText = EpmdRequest.utf8(name, "PORT2_RESP node name from " + in.peer());
        if (!nameText.equals(askedName)) {
            throw new EpmdProtocolException("the port mapper at " + in.peer() + " answered for node '" + nameText
                    + "' when asked for '" + askedName + "'");
        }
        try {
            return new Port2Reply(new NodeEntry(nameText, port, nodeType, protocol, highest, lowest, extra));
        }
        catch (IllegalArgumentException ex) {
            throw new EpmdProtocolException(
                    "malformed PORT2_RESP from the port mapper at " + in.peer() + ": " + ex.getMessage());
        }
    }

    private static byte[] field(ReplyReader in, String field) throws IOException {
        int length = in.u16(field + " length");
        if (length > NodeEntry.MAX_FIELD_BYTES) {
            throw new EpmdProtocolException("malformed reply from the port mapper at " + in.peer() + ": " + field
                    + " of " + length + " bytes, at most " + NodeEntry.MAX_FIELD_BYTES + " allowed");
        }
        return in.bytes(length, field);
    }
}
