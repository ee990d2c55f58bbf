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

}
