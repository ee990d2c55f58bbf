package io.gencluster.benchmarks;

import java.util.List;

import io.gencluster.benchmarks.JoinReport.Wait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JoinReportTests {

    private static final String SECTION = JoinReport.BEGIN + "\n\nnew joins\n" + JoinReport.END + "\n";

    private static final String MESSAGING = MessagingReport.BEGIN + "\n\nmessaging figures\n" + MessagingReport.END
            + "\n";

    @Test
    void aRunOfOnlyJoinReplacesItsSectionAndKeepsTheMessagingSectionAndAddenda() {
        String existing = "# results\n\ntables\n\n" + MESSAGING + JoinReport.BEGIN + "\n\nold joins\n" + JoinReport.END
                + "\n\n## Addendum: by hand\n\ntext\n";
        assertThat(JoinReport.splice(existing, SECTION))
            .isEqualTo("# results\n\ntables\n\n" + MESSAGING + SECTION + "\n## Addendum: by hand\n\ntext\n");
    }

    @Test
    void aFileWithoutTheSectionGetsItAfterMessagingBeforeItsFirstAddendum() {
        String existing = "# results\n\ntables\n\n" + MESSAGING + "\n## Addendum: by hand\n\ntext\n";
        assertThat(JoinReport.splice(existing, SECTION))
            .isEqualTo("# results\n\ntables\n\n" + MESSAGING + "\n" + SECTION + "\n## Addendum: by hand\n\ntext\n");
    }

    @Test
    void splicingMessagingLeavesTheJoinSectionAlone() {
        String existing = "# results\n\n" + MESSAGING + "\n" + SECTION + "\n## Addendum\n";
        String spliced = MessagingReport.splice(existing, MESSAGING.replace("messaging figures", "newer figures"));
        assertThat(spliced).contains(SECTION).contains("newer figures").doesNotContain("messaging figures");
    }

    @Test
    void timesBeforeTheJoiningNodesReadyAreShownNegativeWithoutARatio() {
        JoinReport report = new JoinReport(new int[] { 3 });
        report.joins.rowNamed(JoinReport.readyLabel(3, Wait.DEFAULT))
            .put(Kind.OURS, new Summary(List.of(-20.0, -10.0, 5.0)))
            .put(Kind.ERLANG, new Summary(List.of(20.0, 22.0, 24.0)));
        report.joins.rowNamed(JoinReport.readyLabel(3, Wait.NONE))
            .put(Kind.OURS, new Summary(List.of(100.0, 110.0, 120.0)))
            .put(Kind.ERLANG, new Summary(List.of(20.0, 22.0, 24.0)))
            .put(Kind.JGROUPS, new Summary(List.of(200.0, 220.0, 240.0)));
        String markdown = report.markdown(3, "abc");
        assertThat(markdown).contains("| N = 3, joining node's ready → full mesh on every node, join-before-ready 2s "
                + "(default) | -20.0 / -10.0 / 5.0 (3) | 20.0 / 22.0 / 24.0 (3) | n/a | n/a | n/a |");
        assertThat(markdown).contains("| N = 3, joining node's ready → full mesh on every node, join-before-ready=0s "
                + "| 100.0 / 110.0 / 120.0 (3) | 20.0 / 22.0 / 24.0 (3) | 200.0 / 220.0 / 240.0 (3) | 0.20× | 2.00× |");
        assertThat(markdown).startsWith(JoinReport.BEGIN).endsWith(JoinReport.END + "\n");
    }

    @Test
    void theTargetIsMetWhenTheLastJoinComesBeforeReadyOrWithinFiftyMillisecondsAfterIt() {
        JoinReport report = new JoinReport(new int[] { 3, 10 });
        report.joins.rowNamed(JoinReport.lastJoinLabel(3, Wait.DEFAULT))
            .put(Kind.OURS, new Summary(List.of(-30.0, -5.0, 40.0)));
        report.joins.rowNamed(JoinReport.lastJoinLabel(10, Wait.DEFAULT))
            .put(Kind.OURS, new Summary(List.of(20.0, 60.0, 90.0)));
        report.joins.rowNamed(JoinReport.lastJoinLabel(10, Wait.NONE))
            .put(Kind.OURS, new Summary(List.of(600.0, 700.0, 800.0)));
        String markdown = report.markdown(3, "abc");
        assertThat(markdown).contains("| N = 3: the joining Spring Boot app has its last PeerJoinedEvent before its "
                + "ApplicationReadyEvent, or within 50 ms after it (default settings) | -5.0 ms, max 40.0 ms | yes |");
        assertThat(markdown).contains("| N = 10: the joining Spring Boot app has its last PeerJoinedEvent before its "
                + "ApplicationReadyEvent, or within 50 ms after it (default settings) | 60.0 ms, max 90.0 ms | **no** |");
        assertThat(markdown).doesNotContain("700.0 ms");
    }

    @Test
    void theFullResultsCarryTheJoinSectionAfterMessagingAndTheTenNodeFiguresInTheHeadline() {
        Report report = new Report(3, "abc");
        report.join.joins.rowNamed(JoinReport.readyLabel(10, Wait.DEFAULT))
            .put(Kind.OURS, new Summary(List.of(-30.0, -20.0, -10.0)));
        report.messaging.throughput.rowNamed(MessagingReport.throughputLabel(1024))
            .put(Kind.OURS, new Summary(List.of(1.0)));
        String markdown = report.markdown();
        assertThat(markdown).contains("| a Spring Boot app joins a formed 9: its ready → full mesh on every node (ms) "
                + "| -30.0 / -20.0 / -10.0 (3) |");
        assertThat(markdown.indexOf(JoinReport.BEGIN)).isGreaterThan(markdown.indexOf(MessagingReport.END));
        assertThat(markdown).endsWith(JoinReport.END + "\n");
    }

    @Test
    void anEmptyReportSaysSo() {
        assertThat(new JoinReport(JoinPart.SIZES).isEmpty()).isTrue();
    }

    @Test
    void theMemberCountIsReadFromAJoinedLine() {
        assertThat(JoinPart.count("JOINED p1r2n0 9 1764250000000000")).isEqualTo(9);
    }

}
