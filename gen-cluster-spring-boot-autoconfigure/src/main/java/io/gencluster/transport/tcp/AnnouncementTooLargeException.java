package io.gencluster.transport.tcp;

import io.netty.handler.codec.DecoderException;

/**
 * A members frame that lists more addresses than
 * {@link MessageCodec#MAX_ANNOUNCED_ADDRESSES}: refused before any of them is read, and
 * the link that carried it is closed as a protocol error.
 */
final class AnnouncementTooLargeException extends DecoderException {

    AnnouncementTooLargeException(long addresses) {
        this("members frame of", addresses);
    }

    /**
     * @param what what held too many addresses, e.g. "members frame of"
     */
    AnnouncementTooLargeException(String what, long addresses) {
        super(what + " " + addresses + " addresses, more than the " + MessageCodec.MAX_ANNOUNCED_ADDRESSES
                + " one frame may carry");
    }

}
