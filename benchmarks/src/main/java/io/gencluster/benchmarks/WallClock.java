package io.gencluster.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Wall-clock microseconds: the one clock that every process on the machine (JVMs and
 * Erlang nodes) shares, so times reported by one process can be compared with times taken
 * in another.
 */
public final class WallClock {

    private WallClock() {
    }

    /** Microseconds since the epoch, now. */
    public static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /**
     * Prints a report line {@code TAG [words...] <micros>} on standard output, as the
     * harness reads it.
     */
    public static void report(String tag, String... words) {
        StringBuilder line = new StringBuilder(tag);
        for (String word : words) {
            line.append(' ').append(word);
        }
        line.append(' ').append(micros());
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

}
