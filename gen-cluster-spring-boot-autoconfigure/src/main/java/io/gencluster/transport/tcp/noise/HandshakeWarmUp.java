package io.gencluster.transport.tcp.noise;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handshakes in memory, once per JVM on a background thread, so that the first links
 * do not pay for loading and interpreting the crypto: in a fresh JVM the JDK's X25519
 * takes tens of milliseconds for its first key pair and about ten times its compiled cost
 * until the JIT has compiled it, and a node dials all its peers at once right after it
 * starts. Started when a transport is made, while the application is still starting, so
 * the work overlaps the rest of the start-up.
 */
public final class HandshakeWarmUp {

    /** Enough handshakes for the JIT to compile the curve arithmetic and the ciphers. */
    static final int HANDSHAKES = 24;

    private static final Logger logger = LoggerFactory.getLogger(HandshakeWarmUp.class);

    private static final byte[] PROLOGUE = "gen-cluster warm-up".getBytes(StandardCharsets.US_ASCII);

    private static final AtomicBoolean started = new AtomicBoolean();

    private HandshakeWarmUp() {
    }

    /** Starts the warm-up thread, unless this JVM started one already. */
    public static void startOnce() {
        startOnce(started, HANDSHAKES);
    }

    /**
     * Starts a daemon thread running that many handshakes, unless the flag says one was
     * started already.
     * @return the thread started, or {@code null} when none was
     */
    static @Nullable Thread startOnce(AtomicBoolean started, int handshakes) {
        if (!started.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(() -> run(handshakes), "gen-cluster-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Runs handshakes between an initiator and a responder under a random key and seals
     * one frame each way per session.
     * @return how many sessions completed, and carried both frames
     */
    static int run(int handshakes) {
        byte[] key = new byte[Psk.LENGTH];
        new SecureRandom().nextBytes(key);
        Psk psk = Psk.of(key);
        byte[] payload = new byte[64];
        int completed = 0;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < handshakes; i++) {
                HandshakeState initiator = HandshakeState.initiator(psk, PROLOGUE);
                HandshakeState responder = HandshakeState.responder(psk, PROLOGUE);
                responder.readMessage(initiator.writeMessage(payload));
                initiator.readMessage(responder.writeMessage(payload));
                NoiseSession dialler = initiator.split();
                NoiseSession acceptor = responder.split();
                acceptor.receiving().decrypt(payload, dialler.sending().encrypt(payload, payload));
                dialler.receiving().decrypt(payload, acceptor.sending().encrypt(payload, payload));
                completed++;
            }
        }
        catch (NoiseException ex) {
            logger.debug("Handshake warm-up stopped: {}", ex.getMessage());
        }
        logger.debug("Warmed up the handshake: {} handshakes in {} ms", completed,
                (System.nanoTime() - started) / 1_000_000);
        return completed;
    }

}
