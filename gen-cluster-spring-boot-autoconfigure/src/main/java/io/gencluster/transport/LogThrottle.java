package io.gencluster.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * At most one WARN per cause per interval, for causes a peer can repeat at will (a
 * refused frame, a dropped address): the first line of an interval is logged with how
 * many like it were suppressed since the last one, the rest are only counted. Causes are
 * a few fixed texts chosen by the caller, never peer input, so the table of causes stays
 * small. Thread-safe.
 */
public final class LogThrottle {

    /** The interval used unless a caller needs another. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger logger;

    private final long intervalNanos;

    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;

    /** Per cause: when its last line was logged, and how many were suppressed since. */
    private final Map<String, long[]> causes = new HashMap<>();

    /**
     * @param logger where the lines go
     * @param interval the shortest time between two lines of one cause
     */
    public LogThrottle(Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    LogThrottle(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs a WARN unless one of the same cause was logged within the interval.
     * @param cause a fixed text naming what happened, the key of the throttle
     * @param format the SLF4J message
     * @param arguments its arguments; a suppressed count is appended when lines were
     * suppressed
     */
    public void warn(String cause, String format, Object... arguments) {
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (causes) {
            long[] state = causes.get(cause);
            if (state != null && now - state[0] < intervalNanos) {
                state[1]++;
                return;
            }
            suppressed = state == null ? 0 : state[1];
            causes.put(cause, new long[] { now, 0 });
        }
        if (suppressed == 0) {
            logger.warn(format, arguments);
        }
        else {
            Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
            withCount[arguments.length] = suppressed;
            logger.warn(format + " ({} more like it suppressed)", withCount);
        }
    }

}
