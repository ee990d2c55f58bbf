package io.gencluster.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import io.gencluster.messaging.ClusterMessagingException.Failure;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.EnvelopeNotSentException;

/**
 * Failures as exceptions and as failure replies: a failure reply names the failure and,
 * for a handler's exception, its class in headers; its payload is the message, cut to
 * {@link #MAX_MESSAGE_CHARS}. Never a stack trace.
 */
final class Failures {

    /** The failure a failure reply reports. */
    static final String FAILURE_HEADER = "gc-failure";

    /** The class of the exception a failed handler threw. */
    static final String EXCEPTION_HEADER = "gc-exception";

    /** The longest message a failure reply carries. */
    static final int MAX_MESSAGE_CHARS = 1000;

    private static final int MAX_CLASS_NAME_CHARS = 500;

    private Failures() {
    }

    /** What a transport's failure to write means to messaging. */
    static ClusterMessagingException of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ClusterMessagingException messaging) {
            return messaging;
        }
        if (cause instanceof EnvelopeNotSentException notSent) {
            Failure kind = switch (notSent.reason()) {
                case NOT_A_MEMBER -> Failure.NOT_A_MEMBER;
                case TOO_LARGE -> Failure.TOO_LARGE;
                case OUTBOUND_FULL -> Failure.OUTBOUND_FULL;
                case LINK_DOWN, UNSUPPORTED -> Failure.LINK_DOWN;
            };
            return new ClusterMessagingException(kind, String.valueOf(notSent.getMessage()),
                    notSent.leaveReason().orElse(null), null);
        }
        return new ClusterMessagingException(Failure.LINK_DOWN, "The message was not written: " + cause);
    }

    /** A failure reply to a request. */
    static Envelope reply(Envelope request, Failure failure, String message, @Nullable String exceptionClass) {
        Map<String, String> headers = new HashMap<>();
        headers.put(FAILURE_HEADER, failure.name());
        if (exceptionClass != null) {
            headers.put(EXCEPTION_HEADER, cut(exceptionClass, MAX_CLASS_NAME_CHARS));
        }
        return new Envelope(Envelope.Kind.REPLY_FAILURE, request.correlationId(), request.topic(), headers,
                cut(message, MAX_MESSAGE_CHARS).getBytes(StandardCharsets.UTF_8));
    }

    /** The exception a failure reply reports; an unknown failure name is read as such. */
    static ClusterMessagingException fromReply(Envelope reply) {
        String name = reply.headers().getOrDefault(FAILURE_HEADER, "");
        Failure failure;
        try {
            failure = Failure.valueOf(name);
        }
        catch (IllegalArgumentException ex) {
            failure = Failure.HANDLER_FAILED;
        }
        String message = cut(new String(reply.payload(), StandardCharsets.UTF_8), MAX_MESSAGE_CHARS);
        return new ClusterMessagingException(failure, message, null, reply.headers().get(EXCEPTION_HEADER));
    }

    private static String cut(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars) + "...";
    }

}
