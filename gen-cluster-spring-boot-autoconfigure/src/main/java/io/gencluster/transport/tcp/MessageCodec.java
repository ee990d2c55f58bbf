package io.gencluster.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;

/**
 * Turns a frame's bytes into a {@link Message} and back: one type byte, then the fields.
 * Strings are UTF-8 behind a 2-byte length; every length is checked against what is left,
 * and leftover bytes are an error, so a malformed frame always ends in a
 * {@link ProtocolException}.
 */
final class MessageCodec extends MessageToMessageCodec<ByteBuf, Message> {

    /**
     * The version this node speaks; a handshake frame with another one is refused.
     * Version 3 is the Noise handshake; its frame starts like version 2's hello, so
     * either version names the other. Version 4 ends the handshake with each side's
     * {@link Message.Metadata}. Version 5 adds application messages
     * ({@link Message.EnvelopeFrame}). Version 6 seals frames with AES-256-GCM instead of
     * ChaCha20-Poly1305 and adds the indirect probe ({@link Message.HeardQuery},
     * {@link Message.HeardAnswer}), which version 5 would close the link on. Version 7
     * reports links as changes ({@link Message.Links}) where version 6 sent whole lists.
     */
    static final int PROTOCOL_VERSION = 7;

    /**
     * "GCLS": the first bytes of every handshake frame, so a stray client is told apart
     * from an old version.
     */
    static final int MAGIC = 0x47434C53;

    static final byte HANDSHAKE = 1;
    static final byte CONFIRM = 2;
    static final byte REJECT = 3;
    static final byte HEARTBEAT = 4;

    static final byte TICK = 5;
    static final byte MEMBERS = 6;
    static final byte GOODBYE = 7;
    static final byte METADATA = 8;
    static final byte LINKS = 0x30;
    static final byte HEARD_QUERY = 0x31;
    static final byte HEARD_ANSWER = 0x32;

    /** Application messages take codes from 0x20 upward. */
    static final byte ENVELOPE = 0x20;

    /**
     * The most addresses one members frame may carry, joined and left together: a bound
     * on any sound cluster (gossip membership is the plan past a few hundred nodes), so
     * one frame cannot make a node allocate, keep or dial without limit. Part of the
     * protocol: senders split longer lists.
     */
    static final int MAX_ANNOUNCED_ADDRESSES = 1024;

    private static final int MAX_STRING_BYTES = 0xFFFF;

    private final int maxFrameSize;

    MessageCodec(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        ByteBuf frame = ctx.alloc().buffer();
        try {
            write(message, frame);
            // A handshake frame must pass the peer's limit for frames before
            // authentication.
            int limit = message instanceof Message.Handshake ? FrameDecoder.MAX_HANDSHAKE_FRAME : maxFrameSize;
            if (frame.readableBytes() > limit) {
                throw new EncoderException("A " + message.getClass().getSimpleName() + " frame of "
                        + frame.readableBytes() + " bytes exceeds the maximum frame size of " + limit);
            }
            out.add(frame.retain());
        }
        finally {
            frame.release();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(read(frame));
    }

    /** Writes the type byte and the fields of a message. */
    static void write(Message message, ByteBuf out) {
        if (message instanceof Message.Handshake handshake) {
            out.writeByte(HANDSHAKE).writeInt(MAGIC).writeByte(handshake.version()).writeBytes(handshake.noise());
        }
        else if (message instanceof Message.Confirm) {
            out.writeByte(CONFIRM);
        }
        else if (message instanceof Message.Reject reject) {
            out.writeByte(REJECT);
            writeString(out, reject.reason().name());
            writeString(out, reject.detail());
        }
        else if (message instanceof Message.Tick) {
            out.writeByte(TICK);
        }
        else if (message instanceof Message.Heartbeat heartbeat) {
            out.writeByte(HEARTBEAT)
                .writeLong(heartbeat.sentAtNanos())
                .writeLong(heartbeat.echoedAtNanos())
                .writeLong(heartbeat.heldNanos());
        }
        else if (message instanceof Message.Members members) {
            MembersCodec.write("members", members.joined(), members.left(), out.writeByte(MEMBERS));
        }
        else if (message instanceof Message.Goodbye goodbye) {
            out.writeByte(GOODBYE);
            writeString(out, goodbye.reason().name());
        }
        else if (message instanceof Message.Metadata metadata) {
            MetadataCodec.write(metadata, out.writeByte(METADATA));
        }
        else if (message instanceof Message.EnvelopeFrame frame) {
            EnvelopeCodec.write(frame.envelope(), out.writeByte(ENVELOPE));
        }
        else if (message instanceof Message.Links links) {
            MembersCodec.write("links", links.linked(), links.unlinked(), out.writeByte(LINKS));
        }
        else if (message instanceof Message.HeardQuery query) {
            HeardCodec.write(query, out.writeByte(HEARD_QUERY));
        }
        else if (message instanceof Message.HeardAnswer answer) {
            HeardCodec.write(answer, out.writeByte(HEARD_ANSWER));
        }
    }

    /**
     * Reads one whole frame.
     * @throws ProtocolException when the frame is not a well-formed message of this
     * version
     */
    static Message read(ByteBuf in) {
        if (!in.isReadable()) {
            throw ProtocolException.malformed("empty frame");
        }
        byte type = in.readByte();
        Message message = switch (type) {
            case HANDSHAKE -> readHandshake(in);
            case CONFIRM -> new Message.Confirm();
            case REJECT -> new Message.Reject(readEnum(in, PeerRejectedException.Reason.class),
                    PeerText.printable(readString(in)));
            case HEARTBEAT -> new Message.Heartbeat(readLong(in), readLong(in), readLong(in));
            case TICK -> new Message.Tick();
            case MEMBERS -> MembersCodec.read(in, Message.Members::new);
            case GOODBYE -> new Message.Goodbye(readEnum(in, Message.Goodbye.Reason.class));
            case METADATA -> MetadataCodec.read(in);
            case ENVELOPE -> new Message.EnvelopeFrame(EnvelopeCodec.read(in));
            case LINKS -> MembersCodec.read(in, Message.Links::new);
            case HEARD_QUERY -> HeardCodec.readQuery(in);
            case HEARD_ANSWER -> HeardCodec.readAnswer(in);
            default -> throw ProtocolException.malformed("unknown frame type " + type);
        };
        if (in.isReadable()) {
            throw ProtocolException
                .malformed(in.readableBytes() + " unexpected bytes after a " + name(type) + " frame");
        }
        return message;
    }

    private static Message.Handshake readHandshake(ByteBuf in) {
        need(in, 5, "handshake");
        if (in.readInt() != MAGIC) {
            throw ProtocolException.malformed("handshake without the gen-cluster magic: not a gen-cluster node");
        }
        int version = in.readUnsignedByte();
        if (version != PROTOCOL_VERSION) {
            // The bytes after the version belong to that version: do not read them.
            in.skipBytes(in.readableBytes());
            throw otherVersion(version);
        }
        byte[] noise = new byte[in.readableBytes()];
        in.readBytes(noise);
        return new Message.Handshake(version, noise);
    }

    /**
     * The payload of this node's handshake message: version, name, advertised host, port
     * and incarnation.
     */
    static byte[] writeIdentity(ClusterNode node) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(PROTOCOL_VERSION);
        writeString(out, node.address().name());
        writeString(out, node.address().host());
        out.writeShort(node.address().port()).writeLong(node.incarnation());
        return ByteBufUtil.getBytes(out);
    }

    /**
     * The peer a handshake payload describes.
     * @throws ProtocolException when the payload is not a well-formed identity of this
     * version
     */
    static ClusterNode readIdentity(byte[] payload, ClusterNode.Direction direction) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        need(in, 1, "identity");
        int version = in.readUnsignedByte();
        if (version != PROTOCOL_VERSION) {
            throw otherVersion(version);
        }
        String name = readString(in);
        String host = readString(in);
        need(in, 10, "identity");
        int port = in.readUnsignedShort();
        long incarnation = in.readLong();
        if (in.isReadable()) {
            throw ProtocolException.malformed(in.readableBytes() + " unexpected bytes after an identity");
        }
        try {
            return new ClusterNode(new NodeAddress(name, host, port), incarnation, Instant.now(), direction);
        }
        catch (IllegalArgumentException ex) {
            throw ProtocolException.malformed("invalid identity: " + ex.getMessage());
        }
    }

    private static ProtocolException otherVersion(int version) {
        return new ProtocolException(PeerRejectedException.Reason.PROTOCOL_VERSION,
                "the peer speaks protocol version " + version + ", this node speaks " + PROTOCOL_VERSION
                        + ": run the same gen-cluster version on every node");
    }

    static void writeString(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new EncoderException("A string of " + bytes.length + " bytes is longer than " + MAX_STRING_BYTES);
        }
        out.writeShort(bytes.length).writeBytes(bytes);
    }

    static String readString(ByteBuf in) {
        need(in, 2, "string length");
        int length = in.readUnsignedShort();
        need(in, length, "string");
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static long readLong(ByteBuf in) {
        need(in, 8, "timestamp");
        return in.readLong();
    }

    private static <E extends Enum<E>> E readEnum(ByteBuf in, Class<E> type) {
        String name = readString(in);
        try {
            return Enum.valueOf(type, name);
        }
        catch (IllegalArgumentException ex) {
            throw ProtocolException.malformed("unknown " + type.getSimpleName() + " '" + name + "'");
        }
    }

    static void need(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw ProtocolException
                .malformed("truncated " + what + ": " + bytes + " bytes needed, " + in.readableBytes() + " left");
        }
    }

    private static String name(byte type) {
        return switch (type) {
            case HANDSHAKE -> "handshake";
            case CONFIRM -> "confirm";
            case REJECT -> "reject";
            case HEARTBEAT -> "heartbeat";
            case TICK -> "tick";
            case MEMBERS -> "members";
            case METADATA -> "metadata";
            case ENVELOPE -> "envelope";
            case LINKS -> "links";
            case HEARD_QUERY -> "heard query";
            case HEARD_ANSWER -> "heard answer";
            default -> "goodbye";
        };
    }

}
