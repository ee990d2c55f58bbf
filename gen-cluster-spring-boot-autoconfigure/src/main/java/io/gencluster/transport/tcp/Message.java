package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.gencluster.NodeAddress;
import io.gencluster.transport.Envelope;
import io.gencluster.NodeMetadata;
import io.gencluster.transport.PeerRejectedException;

/**
 * The frames two nodes exchange: a small closed set, each one immutable, turned into
 * bytes by {@link MessageCodec} and never by Java serialization.
 */
sealed interface Message {

    /**
     * One of the two Noise handshake messages, sent in the clear: the dialler's
     * {@code -> psk, e} and the acceptor's {@code <- e, ee}, each with the sender's
     * identity as its encrypted payload. The version rides in front of the Noise bytes so
     * a node of another version is told apart from one with another cookie.
     *
     * @param version the protocol version the sender speaks
     * @param noise the Noise message
     */
    record Handshake(int version, byte[] noise) implements Message {

        /** Checks the message is present. */
        public Handshake {
            Objects.requireNonNull(noise, "noise");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Handshake handshake && version == handshake.version
                    && Arrays.equals(noise, handshake.noise);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, Arrays.hashCode(noise));
        }

        @Override
        public String toString() {
            return "Handshake[v" + version + ", " + noise.length + " bytes]";
        }
    }

    /**
     * The dialler's first encrypted frame, sent once it has read the acceptor's handshake
     * message: it proves the dialler holds the session keys, so a replayed first message
     * never makes a link.
     */
    record Confirm() implements Message {
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
     * The smallest heartbeat: sent on a link idle for the heartbeat interval when no
     * round trip is being measured, it only says the sender is alive.
     */
    record Tick() implements Message {
    }

    /**
     * A heartbeat that measures the round trip, sent instead of a {@link Tick} every few
     * intervals (a probe) and once after each probe the sender received (its echo), so
     * each side measures the round trip without a reply frame
     * ({@code now - echoedAtNanos - heldNanos} on the side that sent the probe).
     *
     * @param sentAtNanos the sender's {@link System#nanoTime()} when it sent this probe,
     * or {@link #NO_PROBE} for an echo only
     * @param echoedAtNanos the {@code sentAtNanos} of the receiver's last probe, when
     * {@code heldNanos >= 0}
     * @param heldNanos how long the sender held the echoed probe before this one, or
     * {@link #NOTHING_ECHOED}
     */
    record Heartbeat(long sentAtNanos, long echoedAtNanos, long heldNanos) implements Message {

        /** {@code sentAtNanos} of a heartbeat that only echoes: nothing to echo back. */
        static final long NO_PROBE = Long.MIN_VALUE;

        /**
         * {@code heldNanos} of a heartbeat that echoes nothing: no probe arrived since
         * the last one was sent.
         */
        static final long NOTHING_ECHOED = -1;

        /**
         * The round trip this heartbeat completes, measured at {@code receivedAtNanos},
         * when it echoes one.
         */
        /** Whether the receiver echoes this heartbeat: it is a probe. */
        boolean isProbe() {
            return sentAtNanos != NO_PROBE;
        }

        Optional<Duration> roundTrip(long receivedAtNanos) {
            long roundTrip = receivedAtNanos - echoedAtNanos - heldNanos;
            return heldNanos < 0 || roundTrip < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(roundTrip));
        }
    }

    /**
     * A change in the sender's members, for {@code connect-all}: the first one over a
     * link lists all of them as joined (the receiver starts from nothing); this version
     * sends only who left after that, and a receiver applies both lists whatever they
     * hold.
     *
     * @param joined advertised addresses (with names and ports) of members that joined
     * the sender
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
     * A change in the members the sender has a live link to, whatever {@code connect-all}
     * says, so that every node can tell which pairs of members lack a link. The first one
     * over a link lists all of them as linked (the receiver starts from nothing); later
     * ones what changed since the last one over that link.
     *
     * @param linked advertised addresses (with names and ports) of members the sender has
     * a link to now and had not reported
     * @param unlinked advertised addresses of reported members it has no link to any more
     */
    record Links(List<NodeAddress> linked, List<NodeAddress> unlinked) implements Message {

        /** Copies the lists. */
        public Links {
            linked = List.copyOf(linked);
            unlinked = List.copyOf(unlinked);
        }
    }

    /**
     * "When did you last hear this member?": the sender has heard nothing from it for its
     * heartbeat timeout and asks its other members before it drops it (an indirect
     * probe). Answered with a {@link HeardAnswer} of the same id, at a bounded rate.
     *
     * @param id the sender's number for this question
     * @param about the advertised address of the silent member
     */
    record HeardQuery(int id, NodeAddress about) implements Message {

        /** Checks the address is present. */
        public HeardQuery {
            Objects.requireNonNull(about, "about");
        }
    }

    /**
     * The answer to a {@link HeardQuery}.
     *
     * @param id the question's id
     * @param heardAgoMillis how long ago the sender last read a frame from that member,
     * or {@link #NOT_HEARD} when it is not the sender's member
     */
    record HeardAnswer(int id, long heardAgoMillis) implements Message {

        /** {@code heardAgoMillis} when the member asked about is not a member. */
        static final long NOT_HEARD = -1;

        /** Checks the time is {@link #NOT_HEARD} or not negative. */
        public HeardAnswer {
            if (heardAgoMillis < NOT_HEARD) {
                throw new IllegalArgumentException("heardAgoMillis " + heardAgoMillis);
            }
        }

        /** Whether the sender read from the member within {@code millis}. */
        boolean heardWithin(long millis) {
            return heardAgoMillis != NOT_HEARD && heardAgoMillis <= millis;
        }
    }

    /**
     * The sender's metadata ({@link NodeMetadata}), sealed: each side's last handshake
     * frame (the acceptor's right after message 2, the dialler's after its confirm), then
     * again over live links whenever it changes. The version counts the sender's changes
     * within its incarnation, so the newest wins whichever of two links between a pair it
     * came over.
     *
     * @param version how many times the sender's metadata changed before this one
     * @param entries the metadata, within {@link NodeMetadata}'s bounds
     */
    record Metadata(long version, Map<String, String> entries) implements Message {

        /** Checks the entries against the bounds. */
        public Metadata {
            entries = NodeMetadata.checked(entries);
        }
    }

    /**
     * An orderly end of the link: the receiver reports the leave at once instead of
     * waiting for a timeout.
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
            /**
             * Another link between the same pair won; this one is redundant (never
             * reported as a leave).
             */
            DUPLICATE

        }

        /** Checks the reason is present. */
        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An application message, over a live link only: a frame of this type on a link in
     * its handshake is a protocol error.
     *
     * @param envelope the message, within {@link Envelope}'s bounds
     */
    record EnvelopeFrame(Envelope envelope) implements Message {

        /** Checks the envelope is present. */
        public EnvelopeFrame {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

}
