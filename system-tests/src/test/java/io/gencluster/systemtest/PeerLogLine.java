package io.gencluster.systemtest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One join or leave as the sample's {@code PeerLog} writes it ({@code Hello, <id>!} or
 * {@code Goodbye, <id> (<REASON>)}), with the time the node logged it.
 *
 * @param at when the node logged it (from the line's ISO-8601 timestamp)
 * @param peer the peer's id, {@code name@host:port}
 * @param reason the {@code LeaveReason} of a leave; empty for a join
 */
record PeerLogLine(Instant at, String peer, Optional<String> reason) {

    private static final Pattern JOIN = Pattern.compile("Hello, (\\S+)! Members now");

    private static final Pattern LEAVE = Pattern.compile("Goodbye, (\\S+) \\(([A-Z_]+)\\)");

    /** Whether this is a join. */
    boolean joined() {
        return reason.isEmpty();
    }

    /** Whether this is a leave for one of {@code reasons}. */
    boolean leftFor(String... reasons) {
        return reason.map(r -> Arrays.asList(reasons).contains(r)).orElse(false);
    }

    /** Parses a log line, if it is a join or leave with a readable timestamp. */
    static Optional<PeerLogLine> parse(String line) {
        Matcher join = JOIN.matcher(line);
        Matcher leave = LEAVE.matcher(line);
        boolean isJoin = join.find();
        boolean isLeave = !isJoin && leave.find();
        if (!isJoin && !isLeave) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(line.strip().split("\\s+", 2)[0]).toInstant();
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
        return Optional.of(isJoin ? new PeerLogLine(at, join.group(1), Optional.empty())
                : new PeerLogLine(at, leave.group(1), Optional.of(leave.group(2))));
    }
}
