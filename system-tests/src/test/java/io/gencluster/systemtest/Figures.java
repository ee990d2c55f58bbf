package io.gencluster.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The measured figures of a run (how long each fault took to be seen or healed), printed
 * as the tests go and appended to {@code target/system-test-runs/figures.txt} for the
 * README.
 */
final class Figures {

    private Figures() {
    }

    /**
     * Records one figure: {@code what} took {@code took}; {@code detail} says how it was
     * measured.
     */
    static void record(String what, Duration took, String detail) {
        String line = String.format("[figure] %-48s %7d ms  (%s)", what, took.toMillis(), detail);
        System.out.println(line);
        write(line);
    }

    /** Records a figure that is not a duration (bytes, counts). */
    static void note(String what, String value) {
        String line = String.format("[figure] %-48s %s", what, value);
        System.out.println(line);
        write(line);
    }

    private static synchronized void write(String line) {
        Path file = SampleCluster.runsDirectory().resolve("figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, List.of(line), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
