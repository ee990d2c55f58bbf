package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.springframework.boot.convert.DurationStyle;

/**
 * The value of {@code gen-cluster.refresh-interval}: a positive duration ({@code 5s},
 * {@code 500ms}, {@code PT1M}) or {@code infinity}, which, as in gen_cluster, refreshes
 * once at start and never reconnects.
 */
public final class RefreshInterval {

    /** gen_cluster's {@code infinity}. */
    public static final RefreshInterval INFINITY = new RefreshInterval(null);

    private final Duration interval;

    private RefreshInterval(Duration interval) {
        this.interval = interval;
    }

    /** A finite interval. */
    public static RefreshInterval of(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive, such as 5s, or 'infinity'");
        }
        return new RefreshInterval(interval);
    }

    /**
     * Parses a duration or {@code infinity}; the binder uses this to read the property.
     * @throws IllegalArgumentException naming what is accepted
     */
    public static RefreshInterval valueOf(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("infinity")) {
            return INFINITY;
        }
        Duration parsed;
        try {
            parsed = DurationStyle.detectAndParse(value);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a refresh interval: use a duration such as 5s, 500ms or PT1M, or 'infinity'");
        }
        return of(parsed);
    }

    /** The interval, or empty for {@code infinity}. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(interval);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RefreshInterval that && Objects.equals(interval, that.interval);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(interval);
    }

    @Override
    public String toString() {
        return interval == null ? "infinity" : DurationStyle.SIMPLE.print(interval);
    }

}
