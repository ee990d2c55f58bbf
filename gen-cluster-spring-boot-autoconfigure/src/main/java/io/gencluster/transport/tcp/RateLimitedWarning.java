package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A WARN that anyone who can reach the port can cause at will: logged at most once per
 * interval, the ones between at DEBUG, and their number told by the next WARN, so a flood
 * costs a few log lines.
 */
final class RateLimitedWarning {

    private final Logger logger;

    private final long intervalNanos;

    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;

    private boolean warned;

    private long nextWarningNanos;

    private long suppressed;

    RateLimitedWarning(Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    /** For tests: when the interval has passed is read from {@code nanoTime}. */
    RateLimitedWarning(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs the message at WARN when the interval since the last one has passed, else at
     * DEBUG.
     */
    synchronized void warn(String message) {
        long now = nanoTime.getAsLong();
        if (warned && now - nextWarningNanos < 0) {
            suppressed++;
            logger.debug(message);
            return;
        }
        if (suppressed > 0) {
            logger.warn("{} (and {} more like it since the last warning)", message, suppressed);
        }
        else {
            logger.warn(message);
        }
        warned = true;
        nextWarningNanos = now + intervalNanos;
        suppressed = 0;
    }

}
