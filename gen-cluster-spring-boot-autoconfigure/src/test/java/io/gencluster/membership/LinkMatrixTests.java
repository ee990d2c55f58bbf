package io.gencluster.membership;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees whom, from the members' link reports: this node (a) with members b, c and d,
 * where c and d report no link to each other.
 */
@ExtendWith(OutputCaptureExtension.class)
class LinkMatrixTests {

    private static final ClusterNode A = DialScript.SELF;

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);

    private static final ClusterNode C = DialScript.node("c", 4372, ClusterNode.Direction.INBOUND);

    private static final ClusterNode D = DialScript.node("d", 4373, ClusterNode.Direction.INBOUND);

    private static final List<ClusterNode> MEMBERS = List.of(B, C, D);

    private final TestClock clock = new TestClock();

    private final LinkMatrix matrix = new LinkMatrix(Duration.ofSeconds(10), clock);

    /**
     * Fails if a pair lacking a link is missed, counted twice, or blamed on a member that
     * has not reported.
     */
    @Test
    void aPairThatReportsNoLinkToEachOtherIsMissing() {
        matrix.reported(B, Set.of(A.address(), C.address(), D.address()));
        matrix.reported(C, Set.of(A.address(), B.address()));
        matrix.reported(D, Set.of(A.address(), B.address()));

        MissingLinks links = matrix.view(A, MEMBERS);

        assertThat(links.lacking()).isEqualTo(Map.of(C.id(), List.of(D.id()), D.id(), List.of(C.id())));
        assertThat(links.pairs()).containsExactly(new MissingLinks.Pair(C.id(), D.id(), clock.instant()));
    }

    /** Fails if a member without a report counts as lacking every link. */
    @Test
    void aMemberThatHasNotReportedLacksNothingYet() {
        matrix.reported(B, Set.of(A.address(), C.address(), D.address()));

        assertThat(matrix.view(A, MEMBERS)).isEqualTo(MissingLinks.NONE);
    }

    /**
     * Fails if a missing pair is warned about before it has been missing for the
     * interval, more than once, never said to heal, said to heal at every check after
     * (the healed pair left among the warned ones), or not warned about again when it is
     * missing again.
     */
    @Test
    void aPairMissingLongerThanTheIntervalIsWarnedOnceAndReportedWhenItHeals(CapturedOutput output) {
        matrix.reported(C, Set.of(A.address(), B.address()));
        matrix.check(A, MEMBERS);
        clock.advance(Duration.ofSeconds(9));
        matrix.check(A, MEMBERS);
        assertThat(output.getOut()).doesNotContain("no link to each other");

        clock.advance(Duration.ofSeconds(1));
        matrix.check(A, MEMBERS);
        matrix.check(A, MEMBERS);
        assertThat(output.getOut()).containsOnlyOnce(
                "Members have had no link to each other for PT10S or more: c@127.0.0.1:4372 and d@127.0.0.1:4373");

        matrix.reported(C, Set.of(A.address(), B.address(), D.address()));
        matrix.check(A, MEMBERS);
        matrix.check(A, MEMBERS);
        assertThat(output.getOut()).containsOnlyOnce("Members are linked again: c@127.0.0.1:4372 and d@127.0.0.1:4373");

        matrix.reported(C, Set.of(A.address(), B.address()));
        matrix.check(A, MEMBERS);
        clock.advance(Duration.ofSeconds(10));
        matrix.check(A, MEMBERS);
        assertThat(output.getOut().split("no link to each other", -1)).as("warned again once it is missing again")
            .hasSize(3);
    }

    /**
     * Fails if a member that reports many nodes can flood the log: 32 pairs (this node
     * lacks the 30 that B names, B lacks C and D) make one line naming ten.
     */
    @Test
    void manyMissingPairsAreWarnedInOneLine(CapturedOutput output) {
        Set<NodeAddress> made = new HashSet<>(Set.of(A.address()));
        for (int port = 5000; port < 5030; port++) {
            made.add(NodeAddress.parse("x@10.1.1.1:" + port));
        }
        matrix.reported(B, made);
        matrix.check(A, MEMBERS);
        clock.advance(Duration.ofSeconds(10));
        matrix.check(A, MEMBERS);

        assertThat(output.getOut().lines().filter(line -> line.contains("no link to each other"))).singleElement()
            .asString()
            .endsWith("and 22 more pair(s)");
    }

    /**
     * Fails if a line naming every missing pair (ten: this node lacks the eight B names,
     * B lacks C and D) says there are more.
     */
    @Test
    void tenMissingPairsAreAllNamedWithoutMore(CapturedOutput output) {
        Set<NodeAddress> made = new HashSet<>(Set.of(A.address()));
        for (int port = 5000; port < 5008; port++) {
            made.add(NodeAddress.parse("x@10.1.1.1:" + port));
        }
        matrix.reported(B, made);
        matrix.check(A, MEMBERS);
        clock.advance(Duration.ofSeconds(10));
        matrix.check(A, MEMBERS);

        assertThat(output.getOut().lines().filter(line -> line.contains("no link to each other"))).singleElement()
            .asString()
            .doesNotContain("more pair(s)")
            .endsWith("b@127.0.0.1:4371 and d@127.0.0.1:4373");
    }

    /** Fails if the report of a member that left still counts. */
    @Test
    void aMemberThatLeftNoLongerReports() {
        matrix.reported(C, Set.of(A.address()));
        matrix.left(C);

        assertThat(matrix.view(A, MEMBERS)).isEqualTo(MissingLinks.NONE);
    }

}
