/**
 * TCP transport on Netty: framing, the authenticated handshake, heartbeats, goodbyes and
 * connect-all announcements. Internal API apart from
 * {@link io.gencluster.transport.tcp.TcpTransport} and its settings.
 * <p>
 * The wire, protocol version 3: every frame is a 4-byte length, then a type byte and its
 * fields.
 * <ol>
 * <li>dialler: {@code HANDSHAKE} ({@code "GCLS"}, version, Noise message 1 carrying its
 * identity);</li>
 * <li>acceptor, only once that decrypted: {@code HANDSHAKE} (message 2 with its
 * identity), or a {@code REJECT} when it did not, or when the version differs;</li>
 * <li>dialler: {@code CONFIRM}, the first frame sealed with the session keys; the
 * acceptor takes the link when it opens;</li>
 * <li>from then on every frame, both ways, is sealed by
 * {@link io.gencluster.transport.tcp.FrameCipher}.</li>
 * </ol>
 * Before authentication a frame carries at most 1 KiB; after it, up to the configured
 * maximum frame size plus the 16-byte tag. That may exceed Noise's 65535-byte message
 * limit: both ends are this code, AES-GCM has no such limit, and the frame length travels
 * outside the ciphertext.
 */
@NullMarked
package io.gencluster.transport.tcp;

import org.jspecify.annotations.NullMarked;
