package io.gencluster.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionsTests {

    /** Fails if a full run drops the hand-written addenda of the file it replaces. */
    @Test
    void aFullRunKeepsEveryAddendumFromTheFirstOn() {
        String existing = "# results\n\ntables\n\n## Addendum: one\n\ntext\n\n## Addendum 2: two\n\nmore\n";
        assertThat(Sections.addenda(existing)).isEqualTo("\n## Addendum: one\n\ntext\n\n## Addendum 2: two\n\nmore\n");
    }

    @Test
    void aFileWithoutAddendaHasNothingToKeep() {
        assertThat(Sections.addenda("# results\n\n## Headline\n\ntables\n")).isEmpty();
    }

    /**
     * Fails if a section's first line loses what was measured, when, or under what load.
     */
    @Test
    void aSectionSaysWhenWhatHowManyAndUnderWhichLoad() {
        String line = Sections
            .measured(new StringBuilder(), "2026-11-27T14:18:59Z", "71e50aa", 3, "windows", "0.67 2.61 7.30",
                    "16.65 38.73 56.74")
            .toString();
        assertThat(line).isEqualTo("Measured 2026-11-27T14:18:59Z, commit 71e50aa, 3 windows per figure; load average"
                + " before / after: 0.67 2.61 7.30 / 16.65 38.73 56.74 (" + Runtime.getRuntime().availableProcessors()
                + " cores");
    }

    /** Fails if a long note is not cut, or an empty list still gets its heading. */
    @Test
    void notesAreListedUnderTheirHeadingCutAtFourHundredCharacters() {
        StringBuilder out = new StringBuilder();
        Sections.notes(out, "Runs that did not finish:", java.util.List.of("x".repeat(401), "short"));
        assertThat(out).hasToString("Runs that did not finish:\n\n- " + "x".repeat(400) + "…\n- short\n\n");
        StringBuilder none = new StringBuilder();
        Sections.notes(none, "Runs that did not finish:", java.util.List.of());
        assertThat(none).isEmpty();
    }

}
