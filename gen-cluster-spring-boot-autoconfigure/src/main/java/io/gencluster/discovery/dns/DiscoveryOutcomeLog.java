package io.gencluster.discovery.dns;

import org.slf4j.Logger;

/**
 * Logs a DNS strategy's outcomes the way an operator wants them: a failure at WARN when it first
 * happens or changes, the same failure again only at DEBUG, and the recovery at INFO, so a DNS
 * outage does not print a warning every refresh.
 */
final class DiscoveryOutcomeLog {

    private final Logger logger;

    private final String strategy;

    private String lastFailure;

    DiscoveryOutcomeLog(Logger logger, String strategy) {
        this.logger = logger;
        this.strategy = strategy;
    }

    /** Records a successful discovery of the given number of peers. */
    synchronized void succeeded(int peers) {
        if (this.lastFailure != null) {
            this.logger.info("{} works again: {} peer(s) found", this.strategy, peers);
            this.lastFailure = null;
        }
        else {
            this.logger.debug("{} found {} peer(s)", this.strategy, peers);
        }
    }

    /** Records a failed discovery; warns only when the failure differs from the last outcome. */
    synchronized void failed(DnsLookupException failure) {
        String message = failure.getMessage();
        if (message.equals(this.lastFailure)) {
            this.logger.debug("{} still failing: {}", this.strategy, message);
        }
        else {
            this.logger.warn("{} failed, keeping its last answer: {}", this.strategy, message);
            this.lastFailure = message;
        }
    }
}
