/**
 * Noise {@code NNpsk0_25519_AESGCM_SHA256} for the TCP transport: a handshake that proves
 * both ends hold the cluster's pre-shared key, then one key per direction for every later
 * frame. JDK crypto only; the Netty handlers drive
 * {@link io.gencluster.transport.tcp.noise.HandshakeState} and
 * {@link io.gencluster.transport.tcp.noise.NoiseSession}.
 * <p>
 * One deviation from the spec: transport messages between two nodes may be longer than
 * 65535 bytes (frames go up to the transport's maximum frame size, 1 MiB by default).
 * Only this code reads them, the AEAD has no such limit, and handshake messages keep it.
 *
 * @see <a href="https://noiseprotocol.org/noise.html">The Noise Protocol Framework,
 * revision 34</a>
 */
@NullMarked
package io.gencluster.transport.tcp.noise;

import org.jspecify.annotations.NullMarked;
