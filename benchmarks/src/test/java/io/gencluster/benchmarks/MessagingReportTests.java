package io.gencluster.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingReportTests {

    private static final String SECTION = MessagingReport.BEGIN + "\n\nnew figures\n" + MessagingReport.END + "\n";

    @Test
    void aRunOfOnlyMessagingReplacesTheSectionAndKeepsEverythingAroundIt() {
        String existing = "# results\n\nformation table\n\n" + MessagingReport.BEGIN + "\n\nold figures\n"
                + MessagingReport.END + "\n\n## Addendum: by hand\n\ntext\n";
        String spliced = MessagingReport.splice(existing, SECTION);
        assertThat(spliced)
            .isEqualTo("# results\n\nformation table\n\n" + SECTION + "\n## Addendum: by hand\n\ntext\n");
    }

    @Test
    void aFileWithoutTheSectionGetsItBeforeItsFirstAddendum() {
        String existing = "# results\n\nformation table\n\n## Addendum: by hand\n\ntext\n";
        assertThat(MessagingReport.splice(existing, SECTION))
            .isEqualTo("# results\n\nformation table\n\n" + SECTION + "\n## Addendum: by hand\n\ntext\n");
    }

    @Test
    void aFileWithoutSectionOrAddendumGetsItAtTheEnd() {
        assertThat(MessagingReport.splice("# results\n\ntable\n", SECTION))
            .isEqualTo("# results\n\ntable\n\n" + SECTION);
    }

    @Test
    void splicingTwiceLeavesOneSection() {
        String once = MessagingReport.splice("# results\n", SECTION);
        String twice = MessagingReport.splice(once, SECTION.replace("new", "newer"));
        assertThat(twice.split(java.util.regex.Pattern.quote(MessagingReport.BEGIN), -1)).hasSize(2);
        assertThat(twice).contains("newer figures").doesNotContain("new figures");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
        assertThat(MessagingDriver.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(MessagingDriver.percentile(sorted, 0.99)).isEqualTo(100);
        assertThat(MessagingDriver.percentile(new long[] { 7 }, 0.99)).isEqualTo(7);
    }

    @Test
    void ratesAreComparedOursOverTheirsAndTargetsSayWhetherTheyAreMet() {
        MessagingReport report = new MessagingReport(3, 2000, 1000);
        report.throughput.rowNamed(MessagingReport.throughputLabel(1024))
            .put(Kind.OURS, new Summary(List.of(300.0, 300.0, 300.0)))
            .put(Kind.ERLANG, new Summary(List.of(200.0, 200.0, 200.0)))
            .put(Kind.JGROUPS, new Summary(List.of(200.0, 200.0, 200.0)));
        String markdown = report.markdown(3, "abc");
        assertThat(markdown).contains("| 1 KB payload (1,024 B) | 300 / 300 / 300 (3) | 200 / 200 / 200 (3) "
                + "| 200 / 200 / 200 (3) | 1.50× | 1.50× |");
        assertThat(markdown)
            .contains("| one-way 1 KB: at least Erlang's rate | 300.0 msg/s | Erlang 200.0 msg/s | yes |");
        assertThat(markdown).contains("| one-way 1 KB: at least 2× JGroups' rate | 300.0 msg/s | JGroups 200.0 msg/s "
                + "(×2 = 400.0) | **no** |");
        assertThat(markdown).contains("| request/reply p50, 1 in flight: no slower than Erlang's gen_server:call | n/a "
                + "| n/a | not measured |");
    }

}
