package io.gencluster.discovery.dns;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * A DNS lookup that did not give an answer to trust: timeout, SERVFAIL, REFUSED or a
 * malformed reply. The message names the domain, the record type, the server and what
 * happened. A missing name (NXDOMAIN) or an empty answer is not a failure: it is an empty
 * result.
 */
public class DnsLookupException extends IOException {

    /**
     * Creates the exception.
     * @param message what was asked, of whom, and what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public DnsLookupException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

}
