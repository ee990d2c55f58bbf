package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node registered with the port mapper of its host, as an Erlang node does:
 * one open connection is the registration; when it drops, a dedicated thread registers
 * again with backoff. When no port mapper answers and {@code embedded} is on, it races
 * the other nodes of the host to bind the port and run an {@link EmbeddedPortMapper}; the
 * losers register with the winner.
 */
final class PortMapperRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortMapperRegistration.class);

    private static final long FIRST_RETRY_MILLIS = 50;

    private static final long MAX_RETRY_MILLIS = 5_000;

    /**
     * Failed attempts in a row after which the failure is worth a WARN rather than a
     * DEBUG line.
     */
    private static final int ATTEMPTS_BEFORE_WARNING = 5;

    private final NodeEntry node;

    private final InetSocketAddress portMapper;

    private final boolean embedded;

    private final EpmdClient client;

    private final CountDownLatch closed = new CountDownLatch(1);

    private final Object lock = new Object();

    private Registration current;

    private final int maxRegistrations;

    private EmbeddedPortMapper ownPortMapper;

    private Thread keeper;

    /**
     * Creates the registration; nothing happens until {@link #open}.
     * @param node what to register
     * @param portMapper the port mapper of this host (a loopback address)
     * @param embedded whether to run a port mapper when none answers
     * @param client the client that talks to it
     * @param maxRegistrations the most registrations a port mapper started here keeps
     */
    PortMapperRegistration(NodeEntry node, InetSocketAddress portMapper, boolean embedded, EpmdClient client,
            int maxRegistrations) {
        this.node = node;
        this.maxRegistrations = maxRegistrations;
        this.portMapper = portMapper;
        this.embedded = embedded;
        this.client = client;
    }

    /**
     * Registers, retrying for up to {@code within} while no port mapper answers (another
     * node may be starting one), then keeps the registration on a dedicated thread.
     * @throws NodeNameTakenException when another live node holds the name
     * @throws IOException when no registration succeeded in time
     */
    void open(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        for (int attempt = 0;; attempt++) {
            try {
                Registration registration = registerOnce();
                synchronized (lock) {
                    current = registration;
                }
                break;
            }
            catch (NodeNameTakenException ex) {
                close();
                throw ex;
            }
            catch (IOException ex) {
                long delay = retryDelayMillis(attempt + 1);
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > deadline) {
                    close();
                    throw ex;
                }
                log.debug("Registration of '{}' failed ({}); retrying in {} ms", node.name(), ex.getMessage(), delay);
                pause(delay);
            }
        }
        log.info("Registered '{}' (port {}) with the port mapper on {}{}", node.name(), node.port(),
                EpmdClient.show(portMapper), runsPortMapper() ? ", which this node runs" : "");
        keeper = new Thread(this::keepRegistered, "gen-cluster-epmd-registration");
        keeper.setDaemon(true);
        keeper.start();
    }

    /** Whether this node runs the host's port mapper now. */
    boolean runsPortMapper() {
        synchronized (lock) {
            return ownPortMapper != null;
        }
    }

    /**
     * Unregisters and, if this node runs the port mapper, stops it; the other nodes elect
     * another.
     */
    @Override
    public void close() {
        closed.countDown();
        synchronized (lock) {
            if (current != null) {
                current.close();
                current = null;
                log.info("Unregistered '{}' from the port mapper on {}", node.name(), EpmdClient.show(portMapper));
            }
            if (ownPortMapper != null) {
                ownPortMapper.close();
                ownPortMapper = null;
            }
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private void keepRegistered() {
        while (!isClosed()) {
            Registration registration;
            synchronized (lock) {
                registration = current;
            }
            if (registration == null) {
                return;
            }
            String why = registration.awaitEnd();
            if (isClosed()) {
                return;
            }
            log.info("Registration of '{}' with the port mapper on {} ended ({}); registering again", node.name(),
                    registration.portMapper(), why);
            reregister();
        }
    }

    private void reregister() {
        long started = System.nanoTime();
        for (int attempt = 0; !isClosed(); attempt++) {
            if (attempt > 0 && pause(retryDelayMillis(attempt))) {
                return;
            }
            try {
                Registration registration = registerOnce();
                synchronized (lock) {
                    if (isClosed()) {
                        registration.close();
                        return;
                    }
                    current = registration;
                }
                log.info("Registered '{}' again with the port mapper on {} after {} ms{}", node.name(),
                        registration.portMapper(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        runsPortMapper() ? ", which this node now runs" : "");
                return;
            }
            catch (IOException ex) {
                if (attempt + 1 == ATTEMPTS_BEFORE_WARNING) {
                    log.warn("Cannot register '{}' with the port mapper on {} after {} attempts: {}; still trying",
                            node.name(), EpmdClient.show(portMapper), attempt + 1, ex.getMessage());
                }
                else {
                    log.debug("Registration attempt {} of '{}' failed: {}", attempt + 1, node.name(), ex.getMessage());
                }
            }
        }
    }

    private Registration registerOnce() throws IOException {
        try {
            return client.register(portMapper, node);
        }
        catch (ConnectException refused) {
            if (!embedded) {
                ConnectException hint = new ConnectException(refused.getMessage() + ": start epmd on this host "
                        + "(epmd -daemon) or turn on the embedded port mapper");
                hint.initCause(refused);
                throw hint;
            }
            startPortMapperUnlessTaken();
            return client.register(portMapper, node);
        }
    }

    private void startPortMapperUnlessTaken() throws IOException {
        synchronized (lock) {
            if (isClosed() || ownPortMapper != null) {
                return;
            }
            try {
                ownPortMapper = EmbeddedPortMapper.start(portMapper.getPort(), maxRegistrations);
            }
            catch (BindException ex) {
                log.debug("Another process took port {} first; registering with its port mapper", portMapper.getPort());
            }
        }
    }

    /**
     * Exponential backoff with jitter: 50 ms, 100 ms, ... up to 5 s, each between half
     * and all of that.
     */
    private static long retryDelayMillis(int attempt) {
        long ceiling = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempt - 1, 16));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** Waits, waking early on {@link #close()}; returns whether it was closed. */
    private boolean pause(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

}
