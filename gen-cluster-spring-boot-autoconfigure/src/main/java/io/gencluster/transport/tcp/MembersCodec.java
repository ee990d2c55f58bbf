package io.gencluster.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.EncoderException;

import io.gencluster.NodeAddress;

/**
 * The body of a {@code MEMBERS} frame (the addresses that joined, then those that left)
 * and of a {@code LINKS} frame (those linked, then those unlinked): two lists of at most
 * {@link MessageCodec#MAX_ANNOUNCED_ADDRESSES} addresses in all, each as name (empty for
 * none), host and port. The count is checked before anything is allocated.
 */
final class MembersCodec {

    private MembersCodec() {
    }

    /**
     * Writes both lists; refuses more addresses than one frame may carry.
     * @param frame the frame's name, for the error
     */
    static void write(String frame, List<NodeAddress> first, List<NodeAddress> second, ByteBuf out) {
        int addresses = first.size() + second.size();
        if (addresses > MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            throw new EncoderException("A " + frame + " frame of " + addresses + " addresses exceeds the maximum of "
                    + MessageCodec.MAX_ANNOUNCED_ADDRESSES);
        }
        writeAddresses(out, first);
        writeAddresses(out, second);
    }

    /** Reads both lists and makes the message of them. */
    static Message read(ByteBuf in, BiFunction<List<NodeAddress>, List<NodeAddress>, Message> message) {
        List<NodeAddress> first = readAddresses(in, MessageCodec.MAX_ANNOUNCED_ADDRESSES);
        return message.apply(first, readAddresses(in, MessageCodec.MAX_ANNOUNCED_ADDRESSES - first.size()));
    }

    private static void writeAddresses(ByteBuf out, List<NodeAddress> addresses) {
        out.writeInt(addresses.size());
        for (NodeAddress address : addresses) {
            MessageCodec.writeString(out, address.name() == null ? "" : address.name());
            MessageCodec.writeString(out, address.host());
            out.writeShort(address.port());
        }
    }

    /**
     * Reads a list of at most {@code allowed} addresses: the count is checked before
     * anything is allocated.
     */
    private static List<NodeAddress> readAddresses(ByteBuf in, int allowed) {
        MessageCodec.need(in, 4, "members");
        int count = in.readInt();
        if (count > allowed) {
            throw new AnnouncementTooLargeException((long) count + MessageCodec.MAX_ANNOUNCED_ADDRESSES - allowed);
        }
        // Each address takes at least 6 bytes: a count larger than that is a lie, checked
        // before allocating.
        if (count < 0 || count > in.readableBytes() / 6) {
            throw ProtocolException
                .malformed("members frame claims " + count + " addresses in " + in.readableBytes() + " bytes");
        }
        List<NodeAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = MessageCodec.readString(in);
            String host = MessageCodec.readString(in);
            MessageCodec.need(in, 2, "members");
            int port = in.readUnsignedShort();
            try {
                addresses.add(new NodeAddress(name.isEmpty() ? null : name, host, port));
            }
            catch (IllegalArgumentException ex) {
                throw ProtocolException.malformed("members frame with an invalid address: " + ex.getMessage());
            }
        }
        return addresses;
    }

}
