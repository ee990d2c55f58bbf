package io.gencluster.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTargetsTests {

    private static final String THREE = "N = 3, from the last node's start (READY)";

    /** Fails if the relative target compares with anything but twice Erlang's median. */
    @Test
    void processesAreMetWithinTwiceErlangsMedianAndMissedBeyondIt() {
        Report report = new Report(3, "abc1234");
        report.processes.row(THREE)
            .put(Kind.ERLANG, new Summary(List.of(40.0, 50.0, 60.0)))
            .put(Kind.OURS, new Summary(List.of(90.0, 95.0, 99.0)));
        assertThat(report.markdown())
            .contains("| 3 processes form within 2× Erlang's time from the last node's READY (100.0 ms) | "
                    + "95.000 ms, max 99.000 ms | yes |");

        Report slower = new Report(3, "abc1234");
        slower.processes.row(THREE)
            .put(Kind.ERLANG, new Summary(List.of(40.0, 50.0, 60.0)))
            .put(Kind.OURS, new Summary(List.of(90.0, 120.0, 130.0)));
        assertThat(slower.markdown()).contains("(100.0 ms) | 120.000 ms, max 130.000 ms | **no** |");
    }

    @Test
    void withoutErlangsFigureTheTargetIsNotCompared() {
        Report report = new Report(3, "abc1234");
        report.bytes.row("N = 100").put(Kind.OURS, new Summary(List.of(900.0)));
        assertThat(report.markdown()).contains(
                "| idle bytes per node at N = 100 no more than Erlang's (no Erlang figure) | not compared: the other system's figure is missing | |");
    }

}
