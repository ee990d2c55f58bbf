package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnnouncedMembersTests {

    private static final NodeAddress A = NodeAddress.parse("a@10.0.0.1:4370");

    private static final NodeAddress B = NodeAddress.parse("b@10.0.0.2:4370");

    private static final NodeAddress C = NodeAddress.parse("c@10.0.0.3:4370");

    private final AnnouncedMembers announced = new AnnouncedMembers();

    @Test
    void theUnionHoldsWhatAnyMemberStillAnnounces() {
        announced.apply("x", Set.of(A, B), Set.of());
        announced.apply("y", Set.of(B, C), Set.of());
        assertThat(announced.addresses()).containsExactlyInAnyOrder(A, B, C);

        announced.apply("x", Set.of(), Set.of(B));
        assertThat(announced.addresses()).as("y still announces B").containsExactlyInAnyOrder(A, B, C);

        announced.apply("y", Set.of(), Set.of(B));
        assertThat(announced.addresses()).containsExactlyInAnyOrder(A, C);
    }

    @Test
    void repeatedJoinsAndUnknownLeavesDoNotSkewTheCount() {
        announced.apply("x", Set.of(A), Set.of());
        announced.apply("x", Set.of(A), Set.of(C));
        announced.apply("x", Set.of(), Set.of(A));
        assertThat(announced.addresses()).isEmpty();
    }

    @Test
    void forgettingAMemberDropsWhatOnlyItAnnounced() {
        announced.apply("x", Set.of(A, B), Set.of());
        announced.apply("y", Set.of(B), Set.of());
        announced.forget("x");
        assertThat(announced.addresses()).containsExactly(B);
        announced.forget("x");
        assertThat(announced.addresses()).containsExactly(B);
    }
}
