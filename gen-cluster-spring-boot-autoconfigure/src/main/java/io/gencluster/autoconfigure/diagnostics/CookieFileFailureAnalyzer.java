package io.gencluster.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.gencluster.transport.tcp.CookieFileException;

/**
 * Explains a cookie file that gave no cookie: fix the file, or set
 * {@code gen-cluster.transport.cookie} so that the file is not read at all.
 */
final class CookieFileFailureAnalyzer extends AbstractFailureAnalyzer<CookieFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CookieFileException cause) {
        return new FailureAnalysis(
                "gen-cluster could not take its cookie from " + cause.path()
                        + ", which it reads because gen-cluster.transport.cookie is not set: " + cause.getMessage(),
                "Fix the cookie file " + cause.path() + " (owned and readable by this user only, holding the"
                        + " cluster's shared secret), or set gen-cluster.transport.cookie to the secret that every"
                        + " node of the cluster shares.",
                cause);
    }

}
