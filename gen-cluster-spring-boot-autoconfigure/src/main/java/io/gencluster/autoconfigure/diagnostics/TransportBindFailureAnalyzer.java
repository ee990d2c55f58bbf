package io.gencluster.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.gencluster.transport.tcp.TransportBindException;

/**
 * Explains a transport that could not listen for peers, naming
 * {@code gen-cluster.transport.port} and {@code gen-cluster.transport.bind-address}.
 */
final class TransportBindFailureAnalyzer extends AbstractFailureAnalyzer<TransportBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TransportBindException cause) {
        String where = cause.bindAddress() + ":" + cause.port();
        if (cause.isAddressInUse()) {
            return new FailureAnalysis(
                    "gen-cluster could not listen for peers on " + where + ": port " + cause.port()
                            + " is already in use, or " + cause.bindAddress() + " is not an address of this machine.",
                    "Identify and stop the process that is listening on port " + cause.port()
                            + ", or set gen-cluster.transport.port to another port (0 picks any free port). If"
                            + " gen-cluster.transport.bind-address is set, make it an address of this machine,"
                            + " such as 0.0.0.0 or 127.0.0.1.",
                    cause);
        }
        return new FailureAnalysis("gen-cluster could not listen for peers on " + where + ": " + cause.getCause(),
                "Check gen-cluster.transport.bind-address (an address of this machine, such as 0.0.0.0 or 127.0.0.1)"
                        + " and gen-cluster.transport.port (1 to 65535, or 0 for any free port).",
                cause);
    }

}
