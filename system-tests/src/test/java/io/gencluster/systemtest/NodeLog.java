package io.gencluster.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node's output file, kept across its restarts (each start appends). Scenarios take a
 * {@link #mark()} before a fault and read only what was written after it.
 */
final class NodeLog {

    private final Path file;

    NodeLog(Path file) {
        this.file = file;
    }

    /** The file, for failure messages. */
    Path file() {
        return file;
    }

    /** The current end of the log; pass it to the {@code since} methods. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The lines written after {@code mark}. */
    List<String> linesSince(long mark) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(mark, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The joins and leaves logged after {@code mark}, in order. */
    List<PeerLogLine> peerEventsSince(long mark) {
        return linesSince(mark).stream().map(PeerLogLine::parse).flatMap(Optional::stream).toList();
    }

    /** The last {@code count} lines, for failure messages. */
    String tail(int count) {
        List<String> lines = linesSince(0);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

}
