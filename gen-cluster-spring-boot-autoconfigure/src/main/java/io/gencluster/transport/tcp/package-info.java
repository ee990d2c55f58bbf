/**
 * TCP transport on Netty: framing, the authenticated handshake, heartbeats, goodbyes and connect-all
 * announcements. Internal API apart from {@link io.gencluster.transport.tcp.TcpTransport} and its settings.
 */
@NullMarked
package io.gencluster.transport.tcp;

import org.jspecify.annotations.NullMarked;
