package io.gencluster.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WARN per cause per interval, the next one saying how many were held back; on a
 * clock the test moves.
 */
class LogThrottleTests {

    private static final long INTERVAL = Duration.ofMinutes(1).toNanos();

    /** Far from zero, so that a sum of two instants cannot pass for their difference. */
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private final Logger logger = (Logger) LoggerFactory.getLogger(LogThrottleTests.class);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final LogThrottle throttle = new LogThrottle(logger, Duration.ofNanos(INTERVAL), now::get);

    /**
     * WARN set on this test's own logger, so that no logging level another test left in
     * this JVM hides the lines.
     */
    @BeforeEach
    void capture() {
        logger.setLevel(Level.WARN);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    @Test
    void warnsOncePerIntervalAndThenSaysHowManyWereSuppressed() {
        long start = now.get();
        throttle.warn("refused", "Refused {} from {}", "a frame", "node-b");
        now.set(start + INTERVAL - 1);
        throttle.warn("refused", "Refused {} from {}", "a frame", "node-c");
        throttle.warn("refused", "Refused {} from {}", "a frame", "node-d");
        assertThat(lines()).containsExactly("Refused a frame from node-b");

        now.set(start + INTERVAL);
        throttle.warn("refused", "Refused {} from {}", "a frame", "node-e");
        assertThat(lines()).containsExactly("Refused a frame from node-b",
                "Refused a frame from node-e (2 more like it suppressed)");
        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
    }

    @Test
    void aLineAfterAQuietIntervalHasNoCount() {
        throttle.warn("refused", "Refused a frame");
        now.addAndGet(INTERVAL);
        throttle.warn("refused", "Refused a frame");
        assertThat(lines()).containsExactly("Refused a frame", "Refused a frame");
    }

    @Test
    void eachCauseHasItsOwnInterval() {
        throttle.warn("refused", "Refused a frame");
        throttle.warn("dropped", "Dropped an address");
        throttle.warn("refused", "Refused a frame");
        assertThat(lines()).containsExactly("Refused a frame", "Dropped an address");
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

}
