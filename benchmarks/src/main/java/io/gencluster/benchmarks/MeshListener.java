package io.gencluster.benchmarks;

/**
 * Told when a benchmark node sees the full mesh and when it sees a peer leave. Called on
 * the system's own threads.
 */
public interface MeshListener {

    /** The node is connected to every other node of the cluster, for the first time. */
    void meshed(String node);

    /**
     * The node saw a peer leave.
     * @param node the node that saw it
     * @param peer the peer's name (no host or port)
     * @param reason how the system explained it
     */
    void left(String node, String peer, String reason);

    /**
     * The node's count of other members changed (reported by JGroups nodes only).
     * @param node the node
     * @param peers how many other members it has now
     */
    default void members(String node, int peers) {
    }

    /**
     * A listener that prints report lines for the harness to read ({@code MESH},
     * {@code LEFT peer reason}, {@code PEERS count}).
     */
    static MeshListener reporting() {
        return new MeshListener() {
            @Override
            public void meshed(String node) {
                WallClock.report("MESH");
            }

            @Override
            public void left(String node, String peer, String reason) {
                WallClock.report("LEFT", peer, reason);
            }

            @Override
            public void members(String node, int peers) {
                WallClock.report("PEERS", String.valueOf(peers));
            }
        };
    }

}
