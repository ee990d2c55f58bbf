package io.gencluster.discovery.epmd;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The EPMD requests gen-cluster sends and its embedded port mapper answers. On the wire
 * each is a 2-byte big-endian length, then a request code and its fields;
 * {@link #encode()} writes that frame, {@link #decode(byte[])} reads the part after the
 * length.
 */
sealed interface EpmdRequest {

    /** Request code of {@link Alive2}. */
    int ALIVE2_REQ = 120;

    /** Request code of {@link PortPlease2}. */
    int PORT_PLEASE2_REQ = 122;

    /** Request code of {@link Names}. */
    int NAMES_REQ = 110;

    /** The frame to send: length, code, fields. */
    byte[] encode();

    /**
     * Registers a node; the port mapper keeps it while the connection that sent it stays
     * open.
     *
     * @param node the node to register
     */
    record Alive2(NodeEntry node) implements EpmdRequest {

        @Override
        public byte[] encode() {
            ByteBuffer body = ByteBuffer.allocate(1 + node.encodedLength()).put((byte) ALIVE2_REQ);
            return frame(node.writeTo(body).array());
        }
    }

    /**
     * Asks for one node's registration.
     *
     * @param name the node name
     */
    record PortPlease2(String name) implements EpmdRequest {

        /** Checks the name as epmd does. */
        public PortPlease2 {
            NodeEntry.checkName(name);
        }

        @Override
        public byte[] encode() {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            return frame(ByteBuffer.allocate(1 + nameBytes.length).put((byte) PORT_PLEASE2_REQ).put(nameBytes).array());
        }
    }

    /** Asks for all registered names and their ports. */
    record Names() implements EpmdRequest {

        @Override
        public byte[] encode() {
            return frame(new byte[] { (byte) NAMES_REQ });
        }
    }

    /**
     * Reads a request body (the bytes after the length prefix).
     * @throws EpmdProtocolException naming the request and what is wrong with it
     */
    static EpmdRequest decode(byte[] body) throws EpmdProtocolException {
        if (body.length == 0) {
            throw new EpmdProtocolException("empty EPMD request");
        }
        int code = body[0] & 0xFF;
        return switch (code) {
            case ALIVE2_REQ -> new Alive2(decodeAlive2(ByteBuffer.wrap(body, 1, body.length - 1)));
            case PORT_PLEASE2_REQ -> new PortPlease2(decodePortPlease2Name(body));
            case NAMES_REQ -> {
                if (body.length != 1) {
                    throw new EpmdProtocolException("malformed NAMES_REQ: " + (body.length - 1) + " unexpected bytes");
                }
                yield new Names();
            }
            default -> throw new EpmdProtocolException("unsupported EPMD request code " + code);
        };
    }

    private static NodeEntry decodeAlive2(ByteBuffer in) throws EpmdProtocolException {
        if (in.remaining() < 12) {
            throw new EpmdProtocolException("malformed ALIVE2_REQ: " + in.remaining() + " bytes, at least 12 needed");
        }
        int port = in.getShort() & 0xFFFF;
        int nodeType = in.get() & 0xFF;
        int protocol = in.get() & 0xFF;
        int highest = in.getShort() & 0xFFFF;
        int lowest = in.getShort() & 0xFFFF;
        byte[] name = field(in, "ALIVE2_REQ node name");
        byte[] extra = field(in, "ALIVE2_REQ extra");
        if (in.hasRemaining()) {
            throw new EpmdProtocolException("malformed ALIVE2_REQ: " + in.remaining() + " bytes after the extra field");
        }
        try {
            return new NodeEntry(utf8(name, "ALIVE2_REQ node name"), port, nodeType, protocol, highest, lowest, extra);
        }
        catch (IllegalArgumentException ex) {
            throw new EpmdProtocolException("malformed ALIVE2_REQ: " + ex.getMessage());
        }
    }

    private static byte[] field(ByteBuffer in, String what) throws EpmdProtocolException {
        if (in.remaining() < 2) {
            throw new EpmdProtocolException("malformed " + what + ": length missing");
        }
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining() || length > NodeEntry.MAX_FIELD_BYTES) {
            throw new EpmdProtocolException("malformed " + what + ": length " + length + " but " + in.remaining()
                    + " bytes left (at most " + NodeEntry.MAX_FIELD_BYTES + " allowed)");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String decodePortPlease2Name(byte[] body) throws EpmdProtocolException {
        // Old clients end the name with a NUL; epmd drops it, and so do we.
        int end = body.length > 1 && body[body.length - 1] == 0 ? body.length - 1 : body.length;
        byte[] name = Arrays.copyOfRange(body, 1, end);
        try {
            return new PortPlease2(utf8(name, "PORT_PLEASE2_REQ node name")).name();
        }
        catch (IllegalArgumentException ex) {
            throw new EpmdProtocolException("malformed PORT_PLEASE2_REQ: " + ex.getMessage());
        }
    }

    /** Decodes strict UTF-8: malformed bytes are an error, not replacement characters. */
    static String utf8(byte[] bytes, String what) throws EpmdProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new EpmdProtocolException("malformed " + what + ": not UTF-8");
        }
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array();
    }

}
