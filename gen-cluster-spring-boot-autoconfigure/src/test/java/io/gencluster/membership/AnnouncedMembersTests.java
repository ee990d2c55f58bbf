package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnnouncedMembersTests {

    private static final NodeAddress A = NodeAddress.parse("a@10.0.0.1:4370");

    private static final NodeAddress B = NodeAddress.parse("b@10.0.0.2:4370");

    private static final NodeAddress C = NodeAddress.parse("c@10.0.0.3:4370");

    private final Set<ClusterLimit> hit = EnumSet.noneOf(ClusterLimit.class);

    private final AnnouncedMembers announced = new AnnouncedMembers(DialLimits.defaults());

    @Test
    void theUnionHoldsWhatAnyMemberStillAnnounces() {
        announced.apply("x", Set.of(A, B), Set.of(), hit);
        announced.apply("y", Set.of(B, C), Set.of(), hit);
        assertThat(announced.addresses()).containsExactlyInAnyOrder(A, B, C);

        announced.apply("x", Set.of(), Set.of(B), hit);
        assertThat(announced.addresses()).as("y still announces B").containsExactlyInAnyOrder(A, B, C);

        announced.apply("y", Set.of(), Set.of(B), hit);
        assertThat(announced.addresses()).containsExactlyInAnyOrder(A, C);
    }

    @Test
    void repeatedJoinsAndUnknownLeavesDoNotSkewTheCount() {
        announced.apply("x", Set.of(A), Set.of(), hit);
        announced.apply("x", Set.of(A), Set.of(C), hit);
        announced.apply("x", Set.of(), Set.of(A), hit);
        assertThat(announced.addresses()).isEmpty();
    }

    @Test
    void forgettingAMemberDropsWhatOnlyItAnnounced() {
        announced.apply("x", Set.of(A, B), Set.of(), hit);
        announced.apply("y", Set.of(B), Set.of(), hit);
        announced.forget("x");
        assertThat(announced.addresses()).containsExactly(B);
        announced.forget("x");
        assertThat(announced.addresses()).containsExactly(B);
    }

    @Test
    void keepsAtMostTheBoundOfOneMembersAddresses() {
        AnnouncedMembers capped = new AnnouncedMembers(new DialLimits(2, 10, 10, List.of()));

        assertThat(capped.apply("x", List.of(A, B, C), List.of(), hit)).containsExactly(A, B);
        assertThat(hit).containsExactly(ClusterLimit.ANNOUNCED_ADDRESSES);
        assertThat(capped.apply("y", List.of(C), List.of(), hit)).as("the bound is per member").containsExactly(C);
        capped.apply("x", List.of(), List.of(A), hit);
        assertThat(capped.apply("x", List.of(C), List.of(), hit)).containsExactly(C);
        assertThat(capped.addresses()).containsExactlyInAnyOrder(B, C);
    }

    @Test
    void withAnnouncedNetworksKeepsOnlyLiteralsInsideThem() {
        AnnouncedMembers fenced = new AnnouncedMembers(
                new DialLimits(10, 10, 10, List.of(IpNetwork.parse("10.0.0.0/30"), IpNetwork.parse("fd00::/8"))));
        NodeAddress outside = NodeAddress.parse("d@10.0.0.4:4370");
        NodeAddress named = NodeAddress.parse("e@db.internal:4370");
        NodeAddress v6 = NodeAddress.parse("f@[fd00::7]:4370");

        assertThat(fenced.apply("x", List.of(A, B, outside, named, v6), List.of(), hit)).containsExactly(A, B, v6);
        assertThat(hit).containsExactly(ClusterLimit.ANNOUNCED_NETWORKS);
    }

}
