package io.gencluster.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.EncoderException;

/**
 * The body of a {@code LINKS} frame: the addresses of the sender's members, at most
 * {@link MessageCodec#MAX_ANNOUNCED_ADDRESSES}, written as a {@code MEMBERS} frame writes
 * one list (name, empty for none; host; port). The count is checked before anything is
 * allocated.
 */
final class LinksCodec {

    private LinksCodec() {
    }

    /** Writes the list; refuses more addresses than one frame may carry. */
    static void write(Message.Links links, ByteBuf out) {
        if (links.linked().size() > MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            throw new EncoderException("A links frame of " + links.linked().size()
                    + " addresses exceeds the maximum of " + MessageCodec.MAX_ANNOUNCED_ADDRESSES);
        }
        MembersCodec.writeAddresses(out, links.linked());
    }

    static Message.Links read(ByteBuf in) {
        return new Message.Links(MembersCodec.readAddresses(in, MessageCodec.MAX_ANNOUNCED_ADDRESSES));
    }

}
