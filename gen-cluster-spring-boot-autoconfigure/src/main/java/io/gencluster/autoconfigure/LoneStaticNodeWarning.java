package io.gencluster.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.NodeAddress;
import io.gencluster.membership.ClusterActivityListener;
import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ConnectOutcome;
import io.gencluster.membership.RefreshResult;

/**
 * Warns once when static discovery leads only back to this node
 * ({@code localhost,127.0.0.1} on one node): the cluster would otherwise stay empty
 * without a word. A discovered address counts as this node's when the refresh left it out
 * (this node's advertised address) or dialling it reached this node; the warning comes
 * when every address of a successful refresh is such, and no peer is a member.
 */
final class LoneStaticNodeWarning implements ClusterActivityListener {

    private static final Logger log = LoggerFactory.getLogger(LoneStaticNodeWarning.class);

    private final ClusterManager manager;

    private final List<String> staticNodes;

    private final Set<NodeAddress> reachedSelf = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean warned = new AtomicBoolean();

    LoneStaticNodeWarning(ClusterManager manager, List<String> staticNodes) {
        this.manager = manager;
        this.staticNodes = staticNodes;
    }

    @Override
    public void refreshed(RefreshResult result) {
        check(result);
    }

    @Override
    public void connectAttempted(NodeAddress address, ConnectOutcome outcome) {
        if (outcome == ConnectOutcome.SELF) {
            reachedSelf.add(address.withoutName());
            manager.lastRefresh().ifPresent(this::check);
        }
    }

    private void check(RefreshResult result) {
        if (!warned.get() && result.succeeded() && manager.members().isEmpty()
                && result.discovered().stream().allMatch(address -> reachedSelf.contains(address.withoutName()))
                && warned.compareAndSet(false, true)) {
            log.warn("gen-cluster: discovery finds only this node ({}): gen-cluster.discovery.static.nodes {} leads"
                    + " back to it, so it stays alone. List the other nodes' addresses (name@host:port, host:port),"
                    + " each node may list all of them", manager.self().id(), staticNodes);
        }
    }

}
