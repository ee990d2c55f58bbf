package io.gencluster.transport.tcp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;

/**
 * The frames two nodes exchange: a small closed set, each one immutable, turned into bytes by
 * {@link MessageCodec} and never by Java serialization.
 */
sealed interface Message {

    /**
     * The first frame each side sends: who it is and a fresh challenge for the other side to answer.
     *
     * @param version the protocol version the sender speaks
     * @param name the sender's node name
     * @param host the host the sender advertises
     * @param port the port the sender listens on
     * @param incarnation the sender's incarnation
     * @param challenge {@link Authenticator#CHALLENGE_LENGTH} random bytes
     */
    record Hello(int version, String name, String host, int port, long incarnation, byte[] challenge)
            implements Message {

        /** Checks the parts that do not depend on the version. */
        public Hello {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(challenge, "challenge");
        }

        /** The hello of a node, in this node's protocol version. */
        static Hello of(ClusterNode node, byte[] challenge) {
            NodeAddress address = node.address();
            return new Hello(MessageCodec.PROTOCOL_VERSION, address.name(), address.host(), address.port(),
                    node.incarnation(), challenge);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Hello hello && version == hello.version && name.equals(hello.name)
                    && host.equals(hello.host) && port == hello.port && incarnation == hello.incarnation
                    && Arrays.equals(challenge, hello.challenge);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, name, host, port, incarnation, Arrays.hashCode(challenge));
        }

        @Override
        public String toString() {
            return "Hello[v" + version + " " + name + "@" + host + ":" + port + "#" + Long.toHexString(incarnation) + "]";
        }
    }

    /**
     * The answer to the other side's challenge: an HMAC-SHA256 keyed with the cookie.
     *
     * @param proof the {@link Authenticator#PROOF_LENGTH} byte answer
     */
    record Auth(byte[] proof) implements Message {

        /** Checks the proof is present. */
        public Auth {
            Objects.requireNonNull(proof, "proof");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Auth auth && Arrays.equals(proof, auth.proof);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(proof);
        }

        @Override
        public String toString() {
            return "Auth[" + proof.length + " bytes]";
        }
    }

    /**
     * Why the sender refuses the link, just before it closes the connection.
     *
     * @param reason the refusal, as the connect future reports it
     * @param detail one line for the other side's log
     */
    record Reject(PeerRejectedException.Reason reason, String detail) implements Message {

        /** Checks the parts are present. */
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A heartbeat: the receiver echoes the timestamp in a {@link Pong}.
     *
     * @param sentAtNanos the sender's {@link System#nanoTime()} when it sent this
     */
    record Ping(long sentAtNanos) implements Message {
    }

    /**
     * The echo of a {@link Ping}, from which the pinging side measures the round-trip time.
     *
     * @param sentAtNanos the timestamp of the ping being answered
     */
    record Pong(long sentAtNanos) implements Message {
    }

    /**
     * A change in the sender's members, for {@code connect-all}: the first one over a link lists all
     * of them (the receiver starts from nothing), later ones only who joined and who left since.
     *
     * @param joined advertised addresses (with names and ports) of members that joined the sender
     * @param left advertised addresses of members that left it
     */
    record Members(List<NodeAddress> joined, List<NodeAddress> left) implements Message {

        /** Copies the lists. */
        public Members {
            joined = List.copyOf(joined);
            left = List.copyOf(left);
        }
    }

    /**
     * An orderly end of the link: the receiver reports the leave at once instead of waiting for a timeout.
     *
     * @param reason why the sender closes the link
     */
    record Goodbye(Reason reason) implements Message {

        /** Why a link ends in order. */
        enum Reason {
            /** The sender is stopping. */
            SHUTDOWN,
            /** The sender disconnected this node on request. */
            DISCONNECT,
            /** Another link between the same pair won; this one is redundant (never reported as a leave). */
            DUPLICATE
        }

        /** Checks the reason is present. */
        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
