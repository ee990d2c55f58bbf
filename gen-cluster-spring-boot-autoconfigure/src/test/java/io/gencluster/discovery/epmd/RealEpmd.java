package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Erlang's own epmd (Debian {@code erlang-base}) on a free port, in the foreground so the
 * test can stop it.
 */
public final class RealEpmd implements AutoCloseable {

    private final Process process;

    private final int port;

    private RealEpmd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code epmd -port N} and waits until it answers; fails saying how to install
     * epmd when it is missing.
     */
    public static RealEpmd start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process;
        try {
            process = new ProcessBuilder("epmd", "-port", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (IOException ex) {
            return fail("epmd not found: apt-get install -y erlang-base", ex);
        }
        RealEpmd epmd = new RealEpmd(process, port);
        await().atMost(Duration.ofSeconds(10)).until(epmd::answers);
        return epmd;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** What {@code epmd -port N -names} prints. */
    public String names() {
        try {
            Process names = new ProcessBuilder("epmd", "-port", Integer.toString(port), "-names")
                .redirectErrorStream(true)
                .start();
            String output = new String(names.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            names.waitFor(10, TimeUnit.SECONDS);
            return output;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
