package io.gencluster.cluster;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;
import io.gencluster.discovery.epmd.EpmdDiscovery;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.JsonPayloadCodec;
import io.gencluster.messaging.MessagingSettings;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.HostResolver;
import io.gencluster.transport.tcp.TcpTransport;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * A cluster node in its own JVM, so tests can kill -9 it, freeze it with SIGSTOP and
 * restart it. Arguments: name port heartbeatIntervalMs heartbeatTimeoutMs (seed[,seed...]
 * | epmd:port). Prints {@code READY <id> <incarnation>} once listening, then one line per
 * event. It handles two messaging topics: {@code echo} answers its text and {@code slow}
 * never answers.
 */
public final class ClusterNodeProcess {

    private ClusterNodeProcess() {
    }

    /** Starts the node and runs until killed. */
    public static void main(String[] args) throws InterruptedException, NoSuchMethodException {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        Duration heartbeatInterval = Duration.ofMillis(Long.parseLong(args[2]));
        Duration heartbeatTimeout = Duration.ofMillis(Long.parseLong(args[3]));
        DiscoveryStrategy discovery = args[4].startsWith("epmd:")
                ? new EpmdDiscovery(List.of("localhost"), Integer.parseInt(args[4].substring(5)), true,
                        Duration.ofSeconds(2))
                : new StaticDiscovery(Arrays.stream(args[4].split(",")).map(NodeAddress::parse).toList());
        TcpTransport transport = new TcpTransport(new TcpTransportSettings(name, "127.0.0.1", port, "127.0.0.1",
                TestCookies.SHARED, Duration.ofSeconds(2), Duration.ofSeconds(2), heartbeatInterval, heartbeatTimeout,
                true, 1024 * 1024, HostResolver.SYSTEM, null, null));
        ClusterManager manager = new ClusterManager(transport, List.of(discovery),
                ClusterManagerSettings.every(Duration.ofMillis(300)), event -> System.out.println("EVENT " + event));
        ClusterMessenger messenger = new ClusterMessenger(transport, new JsonPayloadCodec(new JsonMapper()),
                MessagingSettings.defaults(), ObservationRegistry.NOOP);
        Handlers handlers = new Handlers();
        messenger.addListener("echo", handlers, Handlers.class.getDeclaredMethod("echo", String.class));
        messenger.addListener("slow", handlers, Handlers.class.getDeclaredMethod("slow", String.class));
        manager.addLinkListener(messenger);
        manager.start();
        System.out.println("READY " + manager.self().id() + " " + manager.self().incarnation());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** What the node answers. */
    static final class Handlers {

        String echo(String text) {
            return "echo " + text;
        }

        String slow(String text) throws InterruptedException {
            System.out.println("HANDLING " + text);
            new CountDownLatch(1).await();
            return text;
        }

    }

}
