package io.gencluster.transport.tcp;

import io.gencluster.transport.PeerRejectedException;
import io.netty.handler.codec.DecoderException;

/**
 * Bytes from a peer that are not this protocol, or another version of it. A decoder
 * exception, so Netty hands it to the pipeline as it is; the handler that catches it
 * refuses or closes the link.
 */
final class ProtocolException extends DecoderException {

    private final PeerRejectedException.Reason reason;

    ProtocolException(PeerRejectedException.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    static ProtocolException malformed(String message) {
        return new ProtocolException(PeerRejectedException.Reason.PROTOCOL_ERROR, message);
    }

    /**
     * {@code PROTOCOL_ERROR} for malformed bytes, {@code PROTOCOL_VERSION} for another
     * version.
     */
    PeerRejectedException.Reason reason() {
        return reason;
    }

}
