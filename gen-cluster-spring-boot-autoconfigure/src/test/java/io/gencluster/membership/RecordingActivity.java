package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/** Records what the manager tells its activity listeners, as metrics would count it. */
final class RecordingActivity implements ClusterActivityListener {

    final List<RefreshResult> refreshes = new CopyOnWriteArrayList<>();

    final List<String> attempts = new CopyOnWriteArrayList<>();

    final List<ClusterLimit> limits = new CopyOnWriteArrayList<>();

    final List<Duration> roundTrips = new CopyOnWriteArrayList<>();

    @Override
    public void refreshed(RefreshResult result) {
        refreshes.add(result);
    }

    @Override
    public void connectAttempted(NodeAddress address, ConnectOutcome outcome) {
        attempts.add(address.endpoint() + " " + outcome.tag());
    }

    @Override
    public void limitReached(ClusterLimit limit) {
        limits.add(limit);
    }

    @Override
    public void heartbeatRoundTrip(ClusterNode node, Duration rtt) {
        roundTrips.add(rtt);
    }

}
