package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EpmdClientTests {

    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aPortMapperThatNeverAnswersTimesOutWithinTheLookupTimeout() throws Exception {
        InetSocketAddress silent = fakePortMapper(connection -> {
        });
        EpmdClient client = new EpmdClient(Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.names(silent)).isInstanceOf(SocketTimeoutException.class)
            .hasMessage("the port mapper at 127.0.0.1:" + silent.getPort()
                    + " did not answer within the lookup timeout of 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(2));
    }

    @Test
    void aPortMapperThatDripsBytesIsCutOffAtTheDeadlineOfTheWholeRequest() throws Exception {
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        resources.add(drip::shutdownNow);
        InetSocketAddress slow = fakePortMapper(connection -> {
            OutputStream out = connection.getOutputStream();
            out.write(new byte[] { 0, 0, 0x11, 0x11 });
            drip.scheduleAtFixedRate(() -> {
                try {
                    out.write('n');
                    out.flush();
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        });
        EpmdClient client = new EpmdClient(Duration.ofMillis(500));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.names(slow)).isInstanceOf(SocketTimeoutException.class)
            .hasMessageContaining("did not answer within the lookup timeout of 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(450),
                Duration.ofSeconds(2));
    }

    @Test
    void nothingListeningIsAConnectExceptionNamingThePortMapper() throws Exception {
        int port = freePort();
        EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.names(new InetSocketAddress("127.0.0.1", port)))
            .isInstanceOf(ConnectException.class)
            .hasMessageStartingWith("no port mapper answers at 127.0.0.1:" + port + " (");
    }

    @Test
    void aServerThatIsNotAPortMapperIsReported() throws Exception {
        InetSocketAddress http = fakePortMapper(connection -> {
            connection.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            connection.close();
        });
        EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.register(http, NodeEntry.genCluster("orders", 4370)))
            .isInstanceOf(EpmdProtocolException.class)
            .hasMessageContaining("is it an epmd?");
        assertThatThrownBy(() -> client.names(http)).isInstanceOf(EpmdProtocolException.class)
            .hasMessageContaining("malformed NAMES reply");
    }

    @Test
    void aReplyCutByTheConnectionClosingIsTruncated() throws Exception {
        InetSocketAddress cut = fakePortMapper(connection -> {
            connection.getOutputStream().write(new byte[] { 119, 0, 0x11 });
            connection.close();
        });
        EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.portPlease2(cut, "orders")).isInstanceOf(EpmdProtocolException.class)
            .hasMessage("truncated reply from the port mapper at 127.0.0.1:" + cut.getPort()
                    + ": connection closed after 3 bytes, before the PORT2_RESP port");
    }

    @Test
    void aRefusedRegistrationNamesTheNodeAndTheFix() throws Exception {
        InetSocketAddress taken = fakePortMapper(
                connection -> connection.getOutputStream().write(new byte[] { 118, 1, 0, 0, 0, 0 }));
        EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.register(taken, NodeEntry.genCluster("orders", 4370)))
            .isInstanceOf(NodeNameTakenException.class)
            .hasMessage("node name 'orders' is already registered with the port mapper on 127.0.0.1:" + taken.getPort()
                    + ": give each node its own name");
    }

    @Test
    void aRegistrationEndsWhenThePortMapperClosesItsConnection() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        InetSocketAddress mapper = fakePortMapper(connection -> {
            connection.getOutputStream().write(new byte[] { 118, 0, 0, 0, 0, 7 });
            held.add(connection);
        });
        Registration registration = new EpmdClient(Duration.ofSeconds(2)).register(mapper,
                NodeEntry.genCluster("orders", 4370));
        assertThat(registration.creation()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);

        held.get(0).close();

        assertThat(registration.awaitEnd()).isEqualTo("the port mapper closed the connection");
    }

    /**
     * A loopback server that hands each accepted connection to {@code onConnection} and
     * keeps it open.
     */
    private InetSocketAddress fakePortMapper(ConnectionHandler onConnection) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        resources.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    resources.add(connection);
                    onConnection.handle(connection);
                }
                catch (IOException ex) {
                    return;
                }
            }
        }, "fake-port-mapper");
        acceptor.setDaemon(true);
        acceptor.start();
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface ConnectionHandler {

        void handle(Socket connection) throws IOException;

    }

}
