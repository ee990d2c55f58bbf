package io.gencluster.transport.tcp;

import java.time.Instant;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which member, if any, an address leads to ({@link LinkRegistry#memberAt}): a connect to
 * it completes with that member instead of dialling again.
 */
class LinkRegistryMemberAtTests {

    private final EmbeddedChannel announcer = new EmbeddedChannel();

    private final LinkRegistry registry = new LinkRegistry(new RecordingTransportListener(), false,
            announcer.eventLoop());

    private final ClusterNode member = join(new NodeAddress("orders", "10.0.0.7", 4371));

    /**
     * Fails if an address whose host, port and name match the member's is not found, or
     * if one without a name is not matched by host and port alone.
     */
    @Test
    void theMemberIsFoundAtItsAddressWithOrWithoutItsName() {
        assertThat(registry.memberAt(new NodeAddress("orders", "10.0.0.7", 4371))).contains(member);
        assertThat(registry.memberAt(new NodeAddress(null, "10.0.0.7", 4371))).contains(member);
    }

    /**
     * Fails if any of the three checks of {@link LiveLinks#memberAt} is dropped or
     * inverted: a connect to another host, another port or another node name would
     * complete with this member instead of dialling.
     */
    @Test
    void anotherHostPortOrNameLeadsToNoMember() {
        assertThat(registry.memberAt(new NodeAddress("orders", "10.0.0.8", 4371))).as("other host").isEmpty();
        assertThat(registry.memberAt(new NodeAddress("orders", "10.0.0.7", 4372))).as("other port").isEmpty();
        assertThat(registry.memberAt(new NodeAddress("billing", "10.0.0.7", 4371))).as("other name").isEmpty();
        assertThat(registry.memberAt(new NodeAddress(null, "10.0.0.8", 4372))).as("nothing alike").isEmpty();
    }

    /** Fails if a member that left is still found at its address. */
    @Test
    void aMemberThatLeftIsNoLongerFound() {
        registry.liveLink(member).ifPresent(registry::closed);

        assertThat(registry.memberAt(new NodeAddress("orders", "10.0.0.7", 4371))).isEmpty();
    }

    private ClusterNode join(NodeAddress address) {
        ClusterNode self = new ClusterNode(new NodeAddress("self", "10.0.0.1", 4370), 1, Instant.now(),
                ClusterNode.Direction.LOCAL);
        Link link = new Link(new EmbeddedChannel(), ClusterNode.Direction.OUTBOUND, self, null);
        link.peer = new ClusterNode(address, 2, Instant.now(), ClusterNode.Direction.OUTBOUND);
        link.handshakeHash = new byte[32];
        registry.opened(link);
        return registry.authenticated(link);
    }

}
