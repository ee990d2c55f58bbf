package io.gencluster.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.gencluster.membership.ClusterManager;
import io.gencluster.messaging.MessageCounts;
import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.membership.FlappingPeer;
import io.gencluster.membership.Isolation;
import io.gencluster.membership.MissingLinks;
import io.gencluster.membership.PendingPeer;
import io.gencluster.membership.RefreshResult;
import io.gencluster.membership.UndiscoveredMember;
import io.gencluster.actuate.ChurnDescriptors.FlappingDescriptor;
import io.gencluster.actuate.ChurnDescriptors.IsolationDescriptor;
import io.gencluster.actuate.ChurnDescriptors.MissingLinksDescriptor;
import io.gencluster.actuate.ChurnDescriptors.SuspicionDescriptor;
import io.gencluster.actuate.ChurnDescriptors.UndiscoveredDescriptor;

import org.jspecify.annotations.Nullable;

/**
 * The {@code cluster} actuator endpoint: what the {@link ClusterManager} knows (this
 * node, members, discovery, pending dials), a refresh on demand and the disconnection of
 * one member. It maps the manager's state to plain descriptors; times are ISO-8601
 * strings and durations milliseconds, so the answer reads the same over HTTP and JMX. The
 * cookie is not part of any descriptor.
 * <p>
 * Read-only unless {@code management.endpoint.cluster.access=unrestricted}: refreshing
 * and disconnecting change the cluster, so they are granted, not assumed.
 */
@Endpoint(id = "cluster", defaultAccess = Access.READ_ONLY)
public class ClusterEndpoint {

    private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(10);

    private final ClusterManager manager;

    private final @Nullable MessageCounts messages;

    /**
     * Creates the endpoint.
     * @param manager the cluster it shows
     */
    public ClusterEndpoint(ClusterManager manager) {
        this(manager, null);
    }

    /**
     * Creates the endpoint that also shows the messages exchanged with each member.
     * @param manager the cluster it shows
     * @param messages the messaging's counts, or {@code null} without messaging
     */
    public ClusterEndpoint(ClusterManager manager, @Nullable MessageCounts messages) {
        this.manager = manager;
        this.messages = messages;
    }

    /** The whole picture: this node, discovery, members and peers being dialled. */
    @ReadOperation
    public ClusterDescriptor cluster() {
        boolean running = manager.isRunning();
        return new ClusterDescriptor(running, running ? SelfDescriptor.of(manager.self()) : null, manager.strategies(),
                refreshInterval(), manager.lastRefresh().map(RefreshDescriptor::of).orElse(null),
                manager.members().stream().map(this::describe).toList(),
                manager.discovered().stream().map(NodeAddress::toString).sorted().toList(),
                manager.pending().stream().map(PendingDescriptor::of).toList(),
                manager.undiscovered().stream().map(UndiscoveredDescriptor::of).toList(),
                manager.flapping().stream().map(FlappingDescriptor::of).toList(),
                manager.isolation().map(IsolationDescriptor::of).orElse(null),
                MissingLinksDescriptor.of(manager.missingLinks()),
                manager.suspicions().stream().map(SuspicionDescriptor::of).toList());
    }

    /** One member, or {@code null} (HTTP 404) when no member has that id. */
    @ReadOperation
    public @Nullable MemberDescriptor member(@Selector String node) {
        return manager.member(node).map(this::describe).orElse(null);
    }

    /** Runs discovery and dials missing peers now, and tells what discovery found. */
    @WriteOperation
    public RefreshDescriptor refresh() {
        return RefreshDescriptor.of(manager.refresh());
    }

    /**
     * Disconnects a member (it leaves with reason {@code DISCONNECTED} and may be dialled
     * again at the next refresh) and waits for its link to close.
     * @return the member as it was, or {@code null} when no member has that id
     */
    @DeleteOperation
    public @Nullable MemberDescriptor disconnect(@Selector String node) {
        Optional<ClusterNode> member = manager.member(node);
        if (member.isEmpty()) {
            return null;
        }
        MemberDescriptor descriptor = describe(member.get());
        try {
            manager.disconnect(member.get())
                .toCompletableFuture()
                .get(DISCONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while disconnecting " + node, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Disconnecting " + node + " failed: " + ex, ex);
        }
        return descriptor;
    }

    private Object refreshInterval() {
        return manager.settings().refreshInterval().<Object>map(Duration::toMillis).orElse("infinity");
    }

    private MemberDescriptor describe(ClusterNode node) {
        Double rttMs = manager.roundTripTime(node).map(ClusterEndpoint::millis).orElse(null);
        return new MemberDescriptor(node.id(), node.address().endpoint(), node.incarnationHex(),
                node.connectedSince().toString(), rttMs, node.direction().name().toLowerCase(Locale.ROOT),
                node.metadata(), messages == null ? null : messages.of(node).orElse(new MessageCounts.PerMember(0, 0)));
    }

    private static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }

    /**
     * The endpoint's read answer.
     *
     * @param running whether the cluster manager runs
     * @param self this node, once started
     * @param strategies the discovery strategies' descriptions
     * @param refreshInterval milliseconds between refreshes, or {@code "infinity"}
     * @param lastRefresh the last refresh, once one ran
     * @param members the peers with a link up, in the order they joined
     * @param discovered the addresses the last refresh found, sorted
     * @param pending discovered peers whose dialling failed, with their next attempt
     * @param undiscovered members that discovery no longer returns, before they are
     * pruned
     * @param flapping peers that joined and left too often, dialled only after a hold-off
     * @param isolation present while this node is cut off from the cluster
     * @param missingLinks who lacks a link to whom, as the members report their links
     * @param suspicions each peer's last fall into silence and what the others said
     */
    public record ClusterDescriptor(boolean running, @Nullable SelfDescriptor self, List<String> strategies,
            Object refreshInterval, @Nullable RefreshDescriptor lastRefresh, List<MemberDescriptor> members,
            List<String> discovered, List<PendingDescriptor> pending, List<UndiscoveredDescriptor> undiscovered,
            List<FlappingDescriptor> flapping, @Nullable IsolationDescriptor isolation,
            MissingLinksDescriptor missingLinks,
            List<SuspicionDescriptor> suspicions) implements OperationResponseBody {
    }

    /**
     * This node.
     *
     * @param id {@code name@host:port}
     * @param name the name part of the id
     * @param address the advertised {@code host:port}
     * @param incarnation 16 hex digits, new at every start
     * @param startedAt when this node started (ISO-8601)
     * @param metadata what this node publishes about itself, sorted by key
     */
    public record SelfDescriptor(String id, String name, String address, String incarnation, String startedAt,
            Map<String, String> metadata) {

        static SelfDescriptor of(ClusterNode self) {
            return new SelfDescriptor(self.id(), self.name(), self.address().endpoint(), self.incarnationHex(),
                    self.connectedSince().toString(), self.metadata());
        }
    }

    /**
     * A member.
     *
     * @param node its id, {@code name@host:port}
     * @param address its advertised {@code host:port}
     * @param incarnation 16 hex digits, new at every start of that node
     * @param since when the link came up (ISO-8601)
     * @param rttMs the last heartbeat round trip in milliseconds, absent until one was
     * measured
     * @param direction {@code inbound} (it dialled) or {@code outbound} (this node
     * dialled)
     * @param metadata what the member publishes about itself, sorted by key
     * @param messages messages sent to and received from it since it joined, absent
     * without messaging
     */
    public record MemberDescriptor(String node, String address, String incarnation, String since,
            @Nullable Double rttMs, String direction, Map<String, String> metadata,
            MessageCounts.@Nullable PerMember messages) implements OperationResponseBody {

        /** A member without message counts. */
        public MemberDescriptor(String node, String address, String incarnation, String since, @Nullable Double rttMs,
                String direction, Map<String, String> metadata) {
            this(node, address, incarnation, since, rttMs, direction, metadata, null);
        }

    }

    /**
     * A refresh.
     *
     * @param at when it started (ISO-8601)
     * @param durationMs how long discovery took, in milliseconds
     * @param discovered how many peers it found
     * @param errors each failing strategy's error, by the strategy's description
     */
    public record RefreshDescriptor(String at, long durationMs, int discovered,
            Map<String, String> errors) implements OperationResponseBody {

        static RefreshDescriptor of(RefreshResult result) {
            return new RefreshDescriptor(result.at().toString(), result.duration().toMillis(),
                    result.discovered().size(), result.errors());
        }
    }

    /**
     * A discovered peer that is not a member yet.
     *
     * @param address where it is dialled
     * @param attempts consecutive failed attempts
     * @param lastError what the last attempt ended with
     * @param nextAttemptAt when it is dialled again, at a refresh (ISO-8601)
     */
    public record PendingDescriptor(String address, int attempts, String lastError, String nextAttemptAt) {

        static PendingDescriptor of(PendingPeer peer) {
            return new PendingDescriptor(peer.address().toString(), peer.attempts(), peer.lastError(),
                    peer.nextAttemptAt().toString());
        }
    }

}
