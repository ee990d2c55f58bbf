package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the test moves it (or ticks at each reading), so
 * backoff deadlines are reached exactly, not slept for.
 */
final class TestClock extends Clock {

    private volatile Instant now = Instant.parse("2026-11-25T09:00:00Z");

    /**
     * How far the clock moves by itself at every reading; zero until
     * {@link #tickAtEveryReading}.
     */
    private volatile Duration tick = Duration.ZERO;

    synchronized void set(Instant instant) {
        now = instant;
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /**
     * Moves the clock this far at every reading, so every backoff has passed by the next
     * reading.
     */
    void tickAtEveryReading(Duration step) {
        tick = step;
    }

    @Override
    public synchronized Instant instant() {
        Instant reading = now;
        now = now.plus(tick);
        return reading;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }

}
