package io.gencluster.transport;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gencluster.LeaveReason;

/**
 * An {@link Envelope} was not written to a member's link: why is in {@link #reason()}.
 * Nothing of it was queued.
 */
public class EnvelopeNotSentException extends RuntimeException {

    /** Why an envelope was not written. */
    public enum Reason {

        /** The node is not a member (that incarnation has no live link). */
        NOT_A_MEMBER,
        /** The link closed before the envelope was written. */
        LINK_DOWN,
        /** The envelope's frame would be larger than the maximum frame size. */
        TOO_LARGE,
        /** The link's outbound buffer is above its high-water mark. */
        OUTBOUND_FULL,
        /** The transport carries no envelopes. */
        UNSUPPORTED

    }

    private final Reason reason;

    private final @Nullable LeaveReason leaveReason;

    /**
     * Creates the exception.
     * @param reason why the envelope was not written
     * @param message what happened, in words
     * @param leaveReason why the link went down, for {@code LINK_DOWN} when known
     */
    public EnvelopeNotSentException(Reason reason, String message, @Nullable LeaveReason leaveReason) {
        super(message, null, false, false);
        this.reason = reason;
        this.leaveReason = leaveReason;
    }

    /**
     * Why the envelope was not written.
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Why the link went down, for {@link Reason#LINK_DOWN} when known.
     * @return the leave reason
     */
    public Optional<LeaveReason> leaveReason() {
        return Optional.ofNullable(leaveReason);
    }

}
