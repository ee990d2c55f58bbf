package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/** Only a higher version of a member's metadata changes what this node holds of it. */
class MetadataExchangeTests {

    private final ClusterNode self = new ClusterNode(new NodeAddress("a", "127.0.0.1", 4370), 1, Instant.now(),
            ClusterNode.Direction.LOCAL);

    private final ClusterNode peer = new ClusterNode(new NodeAddress("b", "127.0.0.1", 4371), 2, Instant.now(),
            ClusterNode.Direction.OUTBOUND);

    private final MetadataExchange exchange = new MetadataExchange();

    /**
     * Fails if metadata of the version already held replaces it: two frames of one
     * version could then undo each other.
     */
    @Test
    void metadataOfTheVersionAlreadyHeldChangesNothing() {
        Link live = new Link(new EmbeddedChannel(), ClusterNode.Direction.OUTBOUND, self, peer.address());
        live.member = peer;

        assertThat(exchange.offer(live, 1, Map.of("zone", "eu-1")))
            .hasValueSatisfying(member -> assertThat(member.metadata()).isEqualTo(Map.of("zone", "eu-1")));
        assertThat(exchange.offer(live, 1, Map.of("zone", "eu-2"))).isEmpty();
        assertThat(live.member.metadata()).isEqualTo(Map.of("zone", "eu-1"));
        assertThat(exchange.offer(live, 2, Map.of("zone", "eu-2")))
            .hasValueSatisfying(member -> assertThat(member.metadata()).isEqualTo(Map.of("zone", "eu-2")));
    }

}
