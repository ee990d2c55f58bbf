package io.gencluster.discovery.epmd;

import java.io.IOException;

/**
 * A port mapper answered with bytes that break the EPMD protocol (wrong reply code,
 * truncated or oversized reply, bad field). Thrown instead of guessing, so a wrong server
 * on the port is reported.
 */
public class EpmdProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the peer and what was wrong. */
    public EpmdProtocolException(String message) {
        super(message);
    }

}
