package io.gencluster.transport.tcp;

import io.gencluster.NodeAddress;
import io.netty.buffer.ByteBuf;

/**
 * The bodies of the indirect probe's frames: a {@code HEARD_QUERY} is the question's id
 * and one address (name, empty for none; host; port), a {@code HEARD_ANSWER} the id and
 * the milliseconds since the answering node last heard that member ({@code -1}: not its
 * member). Both are a few dozen bytes; anything else in them is a protocol error.
 */
final class HeardCodec {

    private HeardCodec() {
    }

    static void write(Message.HeardQuery query, ByteBuf out) {
        out.writeInt(query.id());
        MessageCodec.writeString(out, query.about().name() == null ? "" : query.about().name());
        MessageCodec.writeString(out, query.about().host());
        out.writeShort(query.about().port());
    }

    static Message.HeardQuery readQuery(ByteBuf in) {
        MessageCodec.need(in, 4, "heard query");
        int id = in.readInt();
        String name = MessageCodec.readString(in);
        String host = MessageCodec.readString(in);
        MessageCodec.need(in, 2, "heard query");
        int port = in.readUnsignedShort();
        try {
            return new Message.HeardQuery(id, new NodeAddress(name.isEmpty() ? null : name, host, port));
        }
        catch (IllegalArgumentException ex) {
            throw ProtocolException.malformed("invalid address in a heard query: " + ex.getMessage());
        }
    }

    static void write(Message.HeardAnswer answer, ByteBuf out) {
        out.writeInt(answer.id()).writeLong(answer.heardAgoMillis());
    }

    static Message.HeardAnswer readAnswer(ByteBuf in) {
        MessageCodec.need(in, 12, "heard answer");
        int id = in.readInt();
        long heardAgo = in.readLong();
        if (heardAgo < Message.HeardAnswer.NOT_HEARD) {
            throw ProtocolException.malformed("heard answer of " + heardAgo + " ms");
        }
        return new Message.HeardAnswer(id, heardAgo);
    }

}
