package io.gencluster.benchmarks.join;

import java.util.HashSet;
import java.util.Set;

import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.benchmarks.WallClock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The gen-cluster node of the join benchmark: a Spring Boot web app with the starter, as
 * the {@code hello-cluster} sample is, configured on the command line (static discovery).
 * It prints report lines on standard output, each with the wall-clock microseconds at
 * which its listener ran:
 * <ul>
 * <li>{@code READY <us>} in its {@code ApplicationReadyEvent} listener;</li>
 * <li>{@code JOINED <peer> <members> <us>} in its {@code PeerJoinedEvent} listener, with
 * the number of peers it has heard join and not leave;</li>
 * <li>{@code LEFT <peer> <reason> <members> <us>} in its {@code PeerLeftEvent}
 * listener.</li>
 * </ul>
 */
@SpringBootApplication
public class JoinApp {

    private final Set<String> members = new HashSet<>();

    /** Starts the app; it runs until killed. */
    public static void main(String[] args) {
        SpringApplication.run(JoinApp.class, args);
    }

    /** Reports that the application is ready (after gen-cluster's join-before-ready). */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        WallClock.report("READY");
    }

    /** Reports a peer that joined and how many this node has now. */
    @EventListener
    public void joined(PeerJoinedEvent event) {
        int count;
        synchronized (members) {
            members.add(event.getNode().id());
            count = members.size();
        }
        WallClock.report("JOINED", event.getNode().name(), String.valueOf(count));
    }

    /** Reports a peer that left, why, and how many this node has now. */
    @EventListener
    public void left(PeerLeftEvent event) {
        int count;
        synchronized (members) {
            members.remove(event.getNode().id());
            count = members.size();
        }
        WallClock.report("LEFT", event.getNode().name(), event.getReason().name(), String.valueOf(count));
    }

}
