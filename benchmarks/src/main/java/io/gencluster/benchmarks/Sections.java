package io.gencluster.benchmarks;

import java.util.List;

/**
 * Sections of {@code RESULTS.md} between two markers, so that a run of only one part
 * ({@code --only messaging}, {@code --only join}) replaces its section in an existing
 * file and leaves the rest of the file as it was.
 */
final class Sections {

    /** Where the hand-written addenda of {@code RESULTS.md} begin. */
    static final String ADDENDUM = "\n## Addendum";

    private Sections() {
    }

    /**
     * {@code existing} with the section between {@code begin} and {@code end} replaced by
     * {@code section}; without one, the section goes before the first anchor found (after
     * its leading line break, if it has one), or at the end.
     */
    static String splice(String existing, String begin, String end, String section, List<String> anchors) {
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        if (from >= 0 && to > from) {
            int after = to + end.length();
            if (after < existing.length() && existing.charAt(after) == '\n') {
                after++;
            }
            return existing.substring(0, from) + section + existing.substring(after);
        }
        for (String anchor : anchors) {
            int at = existing.indexOf(anchor);
            if (at >= 0) {
                int cut = anchor.startsWith("\n") ? at + 1 : at;
                return existing.substring(0, cut) + section + "\n" + existing.substring(cut);
            }
        }
        return existing + (existing.endsWith("\n\n") ? "" : "\n") + section;
    }

    /**
     * The hand-written addenda at the end of {@code existing} (from its first
     * {@code ## Addendum} heading on), which a full run keeps after the sections it
     * writes; empty when there are none.
     */
    static String addenda(String existing) {
        int at = existing.indexOf(ADDENDUM);
        return at < 0 ? "" : existing.substring(at);
    }

    /**
     * Starts a section's first line: when and what was measured and how loaded the
     * machine was, up to the core count, which the caller closes.
     * @param per what a figure's samples are ("runs", "windows")
     */
    static StringBuilder measured(StringBuilder out, String started, String revision, int runs, String per,
            String loadBefore, String loadAfter) {
        return out.append("Measured ")
            .append(started)
            .append(", commit ")
            .append(revision)
            .append(", ")
            .append(runs)
            .append(' ')
            .append(per)
            .append(" per figure; load average before / after: ")
            .append(loadBefore)
            .append(" / ")
            .append(loadAfter.isEmpty() ? Machine.load() : loadAfter)
            .append(" (")
            .append(Runtime.getRuntime().availableProcessors())
            .append(" cores");
    }

    /**
     * Lists what the runs of a part reported beyond their figures (each cut at 400
     * characters) under a heading; nothing when they reported nothing.
     */
    static void notes(StringBuilder out, String heading, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        out.append(heading).append("\n\n");
        notes.forEach(note -> out.append("- ")
            .append(note.length() > 400 ? note.substring(0, 400) + "…" : note)
            .append('\n'));
        out.append('\n');
    }

}
