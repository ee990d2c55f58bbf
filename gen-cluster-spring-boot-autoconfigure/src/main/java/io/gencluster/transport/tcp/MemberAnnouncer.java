package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.gencluster.NodeAddress;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code connect-all}, a new member gets the whole member list once, and dials those
 * it lacks. That alone meshes a connected cluster: of two links that share a node, the
 * one that came up later carried the other end's address. The older members hear only who
 * left, so they stop dialling nodes nobody has any more. Announcements go at once when
 * the last one is older than {@link #ANNOUNCE_INTERVAL}, else gathered until then, so a
 * cluster that forms or breaks up all at once costs one list per new link and a few small
 * frames per member.
 * <p>
 * Whatever {@code connect-all} says, each member is also sent the whole list of this
 * node's members ({@link Message.Links}) when it becomes a member, and every member what
 * changed in that list, at most once per {@link #LINKS_INTERVAL}, so that every node can
 * tell which pairs of members lack a link: a cluster that forms at once sends a few
 * changes per link, not a list per join, and no list twice.
 * <p>
 * Not thread-safe: the {@link LinkRegistry} calls it with its lock held.
 */
final class MemberAnnouncer {

    /** The shortest time between two announcements of membership changes. */
    static final Duration ANNOUNCE_INTERVAL = Duration.ofMillis(50);

    /** The shortest time between two reports of a changed link list to every member. */
    static final Duration LINKS_INTERVAL = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(MemberAnnouncer.class);

    private final boolean connectAll;

    /**
     * Runs the announcements; its clock times them, so that a test moving that clock
     * moves both.
     */
    private final EventExecutor executor;

    /** The member addresses as of the last announcement. */
    private Set<NodeAddress> announcedMembers = Set.of();

    /** The member addresses as of the last link report. */
    private Set<NodeAddress> reportedLinks = Set.of();

    private boolean scheduled;

    private long lastAnnouncementNanos;

    private boolean linksReportScheduled;

    private long lastLinksReportNanos;

    /** What runs an announcement, as the registry last handed it over. */
    private @Nullable Runnable announcement;

    /**
     * @param connectAll whether members are told of each other's members; without it only
     * link reports are sent
     * @param executor runs the announcements that were gathered
     */
    MemberAnnouncer(boolean connectAll, EventExecutor executor) {
        this.connectAll = connectAll;
        this.executor = executor;
        this.lastAnnouncementNanos = executor.ticker().nanoTime() - ANNOUNCE_INTERVAL.toNanos();
        this.lastLinksReportNanos = executor.ticker().nanoTime() - LINKS_INTERVAL.toNanos();
    }

    /**
     * The members changed: schedules the announcement unless one is already scheduled.
     * @param announcement what the executor runs when the interval allows; it calls
     * {@link #announce}
     */
    void membersChanged(Runnable announcement) {
        this.announcement = announcement;
        if (scheduled) {
            return;
        }
        long wait = lastAnnouncementNanos + ANNOUNCE_INTERVAL.toNanos() - executor.ticker().nanoTime();
        try {
            executor.schedule(announcement, Math.max(0, wait), TimeUnit.NANOSECONDS);
            scheduled = true;
        }
        catch (RejectedExecutionException ex) {
            logger.debug("Not announcing members: the transport is stopping");
        }
    }

    /**
     * Sends each live link what changed since the last announcement: a new member the
     * others, the rest who left.
     */
    void announce(Collection<Link> live) {
        scheduled = false;
        lastAnnouncementNanos = executor.ticker().nanoTime();
        Set<NodeAddress> current = new LinkedHashSet<>();
        live.forEach(link -> current.add(link.member.address()));
        if (connectAll) {
            announceMembers(live, current);
        }
        boolean reportAll = linksReportDue(current);
        Set<NodeAddress> linked = Collections.unmodifiableSet(
                new LinkedHashSet<>(current.stream().limit(MessageCodec.MAX_ANNOUNCED_ADDRESSES).toList()));
        // Links that were sent the same list get the same change, worked out once.
        Map<Set<NodeAddress>, List<Message.Links>> changes = new IdentityHashMap<>();
        for (Link link : live) {
            Set<NodeAddress> reported = link.linksReported;
            if (reported == null || reportAll) {
                changes.computeIfAbsent(reported == null ? Set.of() : reported, was -> linksChanged(was, linked))
                    .forEach(link::send);
                link.linksReported = linked;
            }
        }
    }

    /**
     * What turns one link list into another (each of at most what one frame carries):
     * none when nothing changed, one frame when both parts fit in it, else the losses
     * first, so that the receiver's list never passes the bound in between.
     */
    static List<Message.Links> linksChanged(Set<NodeAddress> was, Set<NodeAddress> now) {
        List<NodeAddress> gained = now.stream().filter(address -> !was.contains(address)).toList();
        List<NodeAddress> lost = was.stream().filter(address -> !now.contains(address)).toList();
        if (gained.isEmpty() && lost.isEmpty()) {
            return List.of();
        }
        if (gained.size() + lost.size() <= MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            return List.of(new Message.Links(gained, lost));
        }
        return List.of(new Message.Links(List.of(), lost), new Message.Links(gained, List.of()));
    }

    /**
     * Whether every member is sent the link list now: it changed and the last report to
     * all is at least {@link #LINKS_INTERVAL} old; a change that must wait is reported
     * when the interval ends.
     */
    private boolean linksReportDue(Set<NodeAddress> current) {
        if (current.equals(reportedLinks)) {
            linksReportScheduled = false;
            return false;
        }
        long now = executor.ticker().nanoTime();
        long wait = lastLinksReportNanos + LINKS_INTERVAL.toNanos() - now;
        if (wait <= 0) {
            linksReportScheduled = false;
            reportedLinks = current;
            lastLinksReportNanos = now;
            return true;
        }
        if (!linksReportScheduled && announcement != null) {
            Runnable report = announcement;
            try {
                executor.schedule(report, wait, TimeUnit.NANOSECONDS);
                linksReportScheduled = true;
            }
            catch (RejectedExecutionException ex) {
                logger.debug("Not reporting links: the transport is stopping");
            }
        }
        return false;
    }

    private void announceMembers(Collection<Link> live, Set<NodeAddress> current) {
        List<NodeAddress> left = announcedMembers.stream().filter(address -> !current.contains(address)).toList();
        for (Link link : live) {
            NodeAddress own = link.member.address();
            if (!link.membersAnnounced) {
                // A new member starts from nothing: an empty list would tell it nothing.
                link.membersAnnounced = true;
                List<NodeAddress> others = current.stream().filter(address -> !address.equals(own)).toList();
                send(link, others, true);
            }
            else {
                send(link, left, false);
            }
        }
        announcedMembers = current;
    }

    /** Sends addresses as joined or left, in frames of at most what the codec accepts. */
    private static void send(Link link, List<NodeAddress> addresses, boolean joined) {
        for (int from = 0; from < addresses.size(); from += MessageCodec.MAX_ANNOUNCED_ADDRESSES) {
            List<NodeAddress> part = addresses.subList(from,
                    Math.min(addresses.size(), from + MessageCodec.MAX_ANNOUNCED_ADDRESSES));
            link.send(joined ? new Message.Members(part, List.of()) : new Message.Members(List.of(), part));
        }
    }

}
