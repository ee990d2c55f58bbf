package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to {@code NAMES_REQ}: the port mapper's own port (4 bytes), then one line
 * {@code name <name> at port <port>\n} per registered node until the connection closes.
 *
 * @param portMapperPort the port the port mapper listens on
 * @param nodes the registered names and ports, in the port mapper's order
 */
record NamesReply(int portMapperPort, List<Registered> nodes) {

    /** Largest reply accepted: about 30,000 names of 32 characters. */
    static final int MAX_REPLY_BYTES = 1 << 20;

    private static final String PREFIX = "name ";

    private static final String PORT_MARK = " at port ";

    /**
     * One line of the reply.
     *
     * @param name the node name
     * @param port the node's port
     */
    record Registered(String name, int port) {
    }

    /** Copies the list. */
    NamesReply {
        nodes = List.copyOf(nodes);
    }

    /**
     * The reply bytes (replies carry no length prefix; the port mapper closes after
     * them).
     */
    byte[] encode() {
        StringBuilder text = new StringBuilder();
        nodes.forEach(
                node -> text.append(PREFIX).append(node.name()).append(PORT_MARK).append(node.port()).append('\n'));
        byte[] lines = text.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + lines.length).putInt(portMapperPort).put(lines).array();
    }

    /**
     * Reads the reply up to the close of the connection.
     * @throws EpmdProtocolException when a line is malformed, the last line is cut, or
     * the reply is too long
     */
    static NamesReply read(ReplyReader in) throws IOException {
        long port = in.u32("NAMES reply port");
        String text = EpmdRequest.utf8(in.toEnd(MAX_REPLY_BYTES, "NAMES reply"), "NAMES reply from " + in.peer());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new EpmdProtocolException(
                    "truncated NAMES reply from the port mapper at " + in.peer() + ": the last line has no end");
        }
        List<Registered> nodes = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                nodes.add(parseLine(line, in.peer()));
            }
        }
        return new NamesReply((int) port, nodes);
    }

    private static Registered parseLine(String line, String peer) throws EpmdProtocolException {
        int mark = line.lastIndexOf(PORT_MARK);
        if (!line.startsWith(PREFIX) || mark < PREFIX.length()) {
            throw malformed(line, peer);
        }
        String name = line.substring(PREFIX.length(), mark);
        String portText = line.substring(mark + PORT_MARK.length());
        if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl) || portText.isEmpty()
                || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(line, peer);
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 0xFFFF) {
            throw malformed(line, peer);
        }
        return new Registered(name, port);
    }

    private static EpmdProtocolException malformed(String line, String peer) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        String shown = cut.codePoints()
            .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
            .collect(Collectors.joining());
        return new EpmdProtocolException("malformed NAMES reply from the port mapper at " + peer + ": line '" + shown
                + "' is not 'name <name> at port <port>'");
    }
}
