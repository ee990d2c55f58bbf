package io.gencluster.transport.tcp.noise;

/**
 * What a completed handshake leaves for the link: a CipherState for each direction and
 * the handshake hash, which both ends share and nobody else can choose, for binding later
 * checks to this very link.
 *
 * @see <a href="https://noiseprotocol.org/noise.html#the-handshakestate-object">The Noise
 * Protocol Framework, revision 34, §5.3 (Split)</a>
 * @see <a href="https://noiseprotocol.org/noise.html#channel-binding">The Noise Protocol
 * Framework, revision 34, §11.2</a>
 */
public final class NoiseSession {

    private final CipherState sending;

    private final CipherState receiving;

    private final byte[] handshakeHash;

    NoiseSession(CipherState sending, CipherState receiving, byte[] handshakeHash) {
        this.sending = sending;
        this.receiving = receiving;
        this.handshakeHash = handshakeHash.clone();
    }

    /**
     * Seals every frame this end sends.
     * @return the sending CipherState
     */
    public CipherState sending() {
        return sending;
    }

    /**
     * Opens every frame this end receives.
     * @return the receiving CipherState
     */
    public CipherState receiving() {
        return receiving;
    }

    /**
     * The handshake hash {@code h}: equal at both ends of one link, different for every
     * other link.
     * @return a copy of the 32 bytes
     */
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

}
