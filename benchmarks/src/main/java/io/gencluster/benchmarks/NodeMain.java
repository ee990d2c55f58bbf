package io.gencluster.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One node in its own JVM, for the separate-process figures. Prints {@code READY} just
 * before it starts its node, {@code MESH} once connected to every node,
 * {@code LEFT peer reason} for each peer that leaves, each with wall-clock microseconds;
 * runs until killed.
 * <p>
 * Arguments: {@code ours|jgroups name port port1,port2,... defaults|detection}
 */
public final class NodeMain {

    private NodeMain() {
    }

    /** Starts the node and parks. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "Usage: NodeMain ours|jgroups <name> <port> <port1,port2,...> defaults|detection");
        }
        Heartbeats heartbeats = Heartbeats.named(args[4]);
        String name = args[1];
        int port = Integer.parseInt(args[2]);
        List<Integer> ports = Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList();
        MeshListener listener = MeshListener.reporting();
        switch (args[0]) {
            case "ours" -> {
                OursNode node = new OursNode(name, port, ports, listener, true, heartbeats);
                WallClock.report("READY");
                node.start();
            }
            case "jgroups" -> {
                JGroupsNode node = new JGroupsNode(name, port, ports, listener, heartbeats);
                WallClock.report("READY");
                node.start();
            }
            default -> throw new IllegalArgumentException("Unknown system '" + args[0] + "': use ours or jgroups");
        }
        new CountDownLatch(1).await();
    }

}
