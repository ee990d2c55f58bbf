package io.gencluster.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * One JGroups channel on loopback: "meshed" once its view holds every node, "left" when a
 * member drops out of it.
 */
final class JGroupsNode implements AutoCloseable {

    static final String CLUSTER = "gen-cluster-benchmark";

    private final String name;

    private final int clusterSize;

    private final MeshListener listener;

    private final JChannel channel;

    private View lastView;

    private final long[] reachedAtNanos;

    JGroupsNode(String name, int port, List<Integer> ports, MeshListener listener, Heartbeats heartbeats)
            throws Exception {
        this.name = name;
        this.clusterSize = ports.size();
        this.listener = listener;
        this.reachedAtNanos = new long[clusterSize];
        this.channel = new JChannel(
                new ByteArrayInputStream(JGroupsStack.xml(port, ports, heartbeats).getBytes(StandardCharsets.UTF_8)));
        channel.name(name);
        channel.setReceiver(new Receiver() {
            @Override
            public void viewAccepted(View view) {
                onView(view);
            }
        });
    }

    /**
     * Joins the cluster; returns when this channel is a member (JGroups' connect blocks
     * until then).
     */
    void start() throws Exception {
        channel.connect(CLUSTER);
    }

    boolean isConnected() {
        return channel.isConnected();
    }

    /**
     * {@link System#nanoTime()} when this node's view first held {@code peers} other
     * members, 0 before.
     */
    synchronized long reachedAtNanos(int peers) {
        return reachedAtNanos[peers];
    }

    @Override
    public void close() {
        channel.close();
    }

    private synchronized void onView(View view) {
        long now = System.nanoTime();
        int peers = Math.min(view.size() - 1, clusterSize - 1);
        boolean meshed = peers == clusterSize - 1 && reachedAtNanos[peers] == 0;
        for (int k = 0; k <= peers; k++) {
            if (reachedAtNanos[k] == 0) {
                reachedAtNanos[k] = now;
            }
        }
        if (lastView == null || lastView.size() != view.size()) {
            listener.members(name, view.size() - 1);
        }
        if (meshed) {
            listener.meshed(name);
        }
        if (lastView != null) {
            for (Address member : lastView.getMembers()) {
                if (!view.containsMember(member)) {
                    listener.left(name, member.toString(), "view-" + view.getViewId().getId());
                }
            }
        }
        lastView = view;
    }

}
