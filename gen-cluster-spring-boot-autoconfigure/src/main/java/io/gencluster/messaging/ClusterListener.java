package io.gencluster.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of one topic's messages from other members, in the
 * habit of {@code @KafkaListener} and {@code @EventListener}.
 * <p>
 * The method takes one payload parameter of any type (decoded by the
 * {@link ClusterPayloadCodec}: JSON by default, {@code byte[]} and {@code String} as they
 * are) and optionally a {@link io.gencluster.ClusterNode} parameter, the sender. Its
 * return value is the reply to a request ({@code void} or {@code null}: the request
 * completes with {@code null}); for a one-way message it is dropped.
 *
 * <pre class="code">
 * &#64;ClusterListener("greetings")
 * String greet(Greeting greeting, ClusterNode sender) {
 *     return "hello " + sender.name();
 * }
 * </pre>
 *
 * Messages of one topic are handled one at a time, in the order each sender sent them,
 * never on a network thread. One topic has one handler in an application: a second one
 * fails the start.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClusterListener {

    /**
     * The topic whose messages the method handles: at most
     * {@link io.gencluster.transport.Envelope#MAX_TOPIC_BYTES} bytes of UTF-8.
     * @return the topic
     */
    String value();

}
