package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A warning anyone can cause is logged once per interval, from the instant the interval
 * has passed, and the next one tells how many were held back.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitedWarningTests {

    private static final long INTERVAL = Duration.ofSeconds(10).toNanos();

    private final AtomicLong now = new AtomicLong(123_456_789L);

    private final RateLimitedWarning warning = new RateLimitedWarning(
            LoggerFactory.getLogger(RateLimitedWarningTests.class), Duration.ofNanos(INTERVAL), now::get);

    /**
     * Fails if a warning within the interval is logged at WARN, if one at exactly the
     * interval is not, or if the count of the ones held back is wrong or shown when there
     * were none.
     */
    @Test
    void warnsOncePerIntervalAndCountsTheWarningsHeldBack(CapturedOutput output) {
        warning.warn("flood warning 1");
        now.addAndGet(INTERVAL - 1);
        warning.warn("flood warning 2");
        warning.warn("flood warning 3");
        now.addAndGet(1);
        warning.warn("flood warning 4");
        now.addAndGet(INTERVAL);
        warning.warn("flood warning 5");

        assertThat(warnings(output)).hasSize(3)
            .satisfiesExactly(first -> assertThat(first).endsWith(" flood warning 1"),
                    second -> assertThat(second)
                        .endsWith(" flood warning 4 (and 2 more like it since the last warning)"),
                    third -> assertThat(third).endsWith(" flood warning 5"));
    }

    private static List<String> warnings(CapturedOutput output) {
        return output.getOut()
            .lines()
            .filter(line -> line.contains(" WARN ") && line.contains("flood warning"))
            .toList();
    }

}
