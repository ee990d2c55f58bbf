package io.gencluster.transport.tcp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one link list sends to turn into another: nothing when equal, one frame while both
 * parts fit in it, else the losses first.
 */
class LinksChangedTests {

    /** Fails if an unchanged list sends an empty frame. */
    @Test
    void anUnchangedListSendsNothing() {
        Set<NodeAddress> list = addresses("a", 3);
        assertThat(MemberAnnouncer.linksChanged(list, Set.copyOf(list))).isEmpty();
    }

    /**
     * Fails if a change whose two parts fill one frame exactly is split, or if the bound
     * counts them otherwise than together.
     */
    @Test
    void gainsAndLossesThatFitInOneFrameTravelTogether() {
        Set<NodeAddress> was = addresses("old", 512);
        Set<NodeAddress> now = addresses("new", 512);
        assertThat(MemberAnnouncer.linksChanged(was, now))
            .containsExactly(new Message.Links(List.copyOf(now), List.copyOf(was)));
    }

    /**
     * Fails if a change of more than one frame is sent as one (its peers must refuse it),
     * or with the gains first: the receiver's list would pass the bound in between and
     * close the link.
     */
    @Test
    void aChangeLargerThanOneFrameSendsTheLossesFirst() {
        Set<NodeAddress> was = addresses("old", 600);
        Set<NodeAddress> now = addresses("new", 600);
        assertThat(MemberAnnouncer.linksChanged(was, now)).containsExactly(
                new Message.Links(List.of(), List.copyOf(was)), new Message.Links(List.copyOf(now), List.of()));
    }

    private static Set<NodeAddress> addresses(String prefix, int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> new NodeAddress(prefix + i, "10.0.0.1", 4370))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

}
