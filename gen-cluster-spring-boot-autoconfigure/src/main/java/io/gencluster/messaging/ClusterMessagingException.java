package io.gencluster.messaging;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gencluster.LeaveReason;

/**
 * Why a message was not sent, not handled or not answered: every failed
 * {@link ClusterTemplate} stage fails with one of these. The {@link #failure()} says what
 * happened; the message says it in words. A peer's stack trace never crosses the wire.
 */
public class ClusterMessagingException extends RuntimeException {

    /** What went wrong with a message. */
    public enum Failure {

        /** The node is not a member now (never was, left, or is this node). */
        NOT_A_MEMBER,
        /**
         * The link to the member went down before the message was written or the reply
         * arrived; {@link #leaveReason()} says why when it is known.
         */
        LINK_DOWN,
        /** No reply arrived before the request's deadline. */
        TIMEOUT,
        /** The encoded message is larger than the transport's maximum frame size. */
        TOO_LARGE,
        /**
         * The link's outbound buffer is above its high-water mark: the peer or the
         * network is slower than this node sends. Nothing was queued.
         */
        OUTBOUND_FULL,
        /** The member has no handler for the topic. */
        NO_HANDLER,
        /**
         * The member's handler threw; {@link #remoteExceptionClass()} names the
         * exception's class and the message carries its message.
         */
        HANDLER_FAILED,
        /**
         * The payload did not decode into the handler's parameter type, or the reply into
         * the reply type. Only that message fails; the link stays up.
         */
        UNDECODABLE,
        /** The payload could not be encoded on this node; nothing was sent. */
        UNENCODABLE,
        /**
         * The member's queue for the topic was full (its handler is slower than its
         * senders): the request was dropped there, unhandled.
         */
        INBOUND_FULL,
        /**
         * This node has as many requests awaiting replies as it allows; nothing was sent.
         */
        TOO_MANY_REQUESTS

    }

    private final Failure failure;

    private final @Nullable LeaveReason leaveReason;

    private final @Nullable String remoteExceptionClass;

    /**
     * Creates the exception.
     * @param failure what went wrong
     * @param message what happened, in words
     */
    public ClusterMessagingException(Failure failure, String message) {
        this(failure, message, null, null);
    }

    /**
     * Creates the exception.
     * @param failure what went wrong
     * @param message what happened, in words (for {@code HANDLER_FAILED}: the remote
     * exception's message)
     * @param leaveReason why the member left, for {@code LINK_DOWN}
     * @param remoteExceptionClass the class of the exception the peer's handler threw,
     * for {@code HANDLER_FAILED}
     */
    public ClusterMessagingException(Failure failure, String message, @Nullable LeaveReason leaveReason,
            @Nullable String remoteExceptionClass) {
        super(message);
        this.failure = failure;
        this.leaveReason = leaveReason;
        this.remoteExceptionClass = remoteExceptionClass;
    }

    /**
     * What went wrong.
     * @return the failure
     */
    public Failure failure() {
        return failure;
    }

    /**
     * Why the member left, for {@link Failure#LINK_DOWN} when it is known.
     * @return the leave reason
     */
    public Optional<LeaveReason> leaveReason() {
        return Optional.ofNullable(leaveReason);
    }

    /**
     * The class name of the exception the member's handler threw, for
     * {@link Failure#HANDLER_FAILED}.
     * @return the remote exception's class name
     */
    public Optional<String> remoteExceptionClass() {
        return Optional.ofNullable(remoteExceptionClass);
    }

}
