package io.gencluster.samples.hello;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;

/** Logs every peer that joins or leaves, with the members this node has afterwards. */
@Component
public class PeerLog {

    private static final Logger log = LoggerFactory.getLogger(PeerLog.class);

    private final ClusterMembership cluster;

    /** Creates the log over the application's cluster. */
    public PeerLog(ClusterMembership cluster) {
        this.cluster = cluster;
    }

    /** Greets a peer that joined. */
    @EventListener
    public void onJoin(PeerJoinedEvent event) {
        log.info("Hello, {}! Members now: {}", event.getNode().id(), memberIds());
    }

    /** Says farewell to a peer that left, and why it did. */
    @EventListener
    public void onLeave(PeerLeftEvent event) {
        log.info("Goodbye, {} ({}). Members now: {}", event.getNode().id(), event.getReason(), memberIds());
    }

    private List<String> memberIds() {
        return cluster.members().stream().map(ClusterNode::id).toList();
    }

}
