package io.gencluster.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.ClusterTransport;

/**
 * One refresh, gen_cluster's loop body: ask every strategy, leave this node out, prune
 * the members discovery no longer returns (with {@code prune-undiscovered}), dial what is
 * missing and tell the activity listeners. Runs on the refresh thread only.
 */
final class RefreshCycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

    private final ClusterTransport transport;

    private final StrategyAnswers strategies;

    private final ClusterManagerSettings settings;

    private final Clock clock;

    private final Dialler dialler;

    private final List<ClusterActivityListener> activityListeners;

    private final MemberTable members;

    private final MissingMembers missing;

    private final FlapWatch flaps;

    private final LinkMatrix links;

    /** Completes once the first refresh has run. */
    private final CompletableFuture<Void> firstRun = new CompletableFuture<>();

    /** Written only on the refresh thread. */
    private volatile @Nullable RefreshResult last;

    RefreshCycle(ClusterTransport transport, StrategyAnswers strategies, ClusterManagerSettings settings, Clock clock,
            Dialler dialler, MemberTable members, FlapWatch flaps, LinkMatrix links,
            List<ClusterActivityListener> activityListeners) {
        this.transport = transport;
        this.strategies = strategies;
        this.settings = settings;
        this.clock = clock;
        this.dialler = dialler;
        this.activityListeners = activityListeners;
        this.members = members;
        this.flaps = flaps;
        this.links = links;
        this.missing = new MissingMembers(settings.pruneUndiscoveredAfter(), members);
    }

    /** The last refresh, once one has run. */
    Optional<RefreshResult> last() {
        return Optional.ofNullable(last);
    }

    /** What the last refresh found, this node left out; empty before the first. */
    Set<NodeAddress> discovered() {
        RefreshResult result = last;
        return result == null ? Set.of() : result.discovered();
    }

    /**
     * Completes once the first refresh has run and no dial is in flight: the ones it
     * started, and any started meanwhile, have ended.
     */
    CompletableFuture<Void> firstDialsEnded() {
        return firstRun.thenCompose(ran -> dialler.inFlight.none());
    }

    /** The members discovery no longer returns, waiting out the grace period. */
    List<UndiscoveredMember> undiscovered() {
        return missing.view().stream().filter(member -> members.contains(member.node().id())).toList();
    }

    /**
     * Runs on the given (refresh) thread and waits for it.
     * @throws IllegalStateException when the refresh did not finish in time
     */
    RefreshResult runOn(ExecutorService refresher) {
        try {
            return refresher.submit(this::run).get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while refreshing", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Refresh failed: " + ex.getMessage(), ex);
        }
    }

    RefreshResult run() {
        Instant at = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        Set<NodeAddress> found = new HashSet<>();
        for (NodeAddress address : strategies.askAll(errors)) {
            NodeAddress withPort = address.withDefaultPort(transport.defaultPort());
            if (!dialler.isSelf(withPort)) {
                found.add(withPort);
            }
        }
        RefreshResult result = new RefreshResult(at, Duration.between(at, clock.instant()), found, errors);
        last = result;
        List<ClusterNode> toPrune = settings.pruneUndiscovered() ? dialler.undiscoveredMembers(result.discovered())
            .map(undiscovered -> members.markPruning(missing.missed(undiscovered, at)))
            .orElse(List.of()) : List.of();
        log.debug("Refresh found {} peer(s) in {} ms{}", found.size(), result.duration().toMillis(),
                errors.isEmpty() ? "" : ", errors: " + errors);
        toPrune.forEach(node -> {
            log.info("Pruning {}: discovery no longer returns it", node);
            transport.disconnect(node);
        });
        flaps.expire();
        links.check(transport.self(), members.members());
        dialler.dialMissing();
        activityListeners.forEach(listener -> listener.refreshed(result));
        firstRun.complete(null);
        return result;
    }

}
