package io.gencluster.autoconfigure;

import java.net.ConnectException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.TransportListener;

/**
 * An application's own transport, as a user would declare one to replace the TCP
 * transport.
 */
class InProcessTransport implements ClusterTransport {

    private final ClusterNode self = new ClusterNode(new NodeAddress("in-process", "localhost", 1), 1L, Instant.now(),
            ClusterNode.Direction.LOCAL);

    @Override
    public void start(TransportListener listener) {
    }

    @Override
    public ClusterNode self() {
        return self;
    }

    @Override
    public int defaultPort() {
        return 1;
    }

    @Override
    public Collection<ClusterNode> members() {
        return List.of();
    }

    @Override
    public CompletionStage<ClusterNode> connect(NodeAddress address) {
        return CompletableFuture.failedFuture(new ConnectException("no peers in process"));
    }

    @Override
    public CompletionStage<Void> disconnect(ClusterNode node) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stop() {
    }

}
