package io.gencluster.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNodeProcess} started from the test class path, with the signals tests
 * send it.
 */
final class NodeProcess implements AutoCloseable {

    private final Process process;

    private final String id;

    private final long incarnation;

    private NodeProcess(Process process, String id, long incarnation) {
        this.process = process;
        this.id = id;
        this.incarnation = incarnation;
    }

    static NodeProcess start(String name, int port, Duration heartbeatInterval, Duration heartbeatTimeout, String seeds)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ClusterNodeProcess.class.getName(), name, Integer.toString(port),
                Long.toString(heartbeatInterval.toMillis()), Long.toString(heartbeatTimeout.toMillis()), seeds)
            .redirectErrorStream(true)
            .start();
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // A JVM start on a loaded machine can take well over a minute (see the README's
        // failure behaviour).
        String ready = CompletableFuture.supplyAsync(() -> readUntilReady(output))
            .orTimeout(3, TimeUnit.MINUTES)
            .join();
        String[] parts = ready.split(" ");
        Thread drain = new Thread(() -> output.lines().forEach(line -> System.out.println("[" + name + "] " + line)));
        drain.setDaemon(true);
        drain.start();
        return new NodeProcess(process, parts[1], Long.parseLong(parts[2]));
    }

    private static String readUntilReady(BufferedReader output) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("[child] " + line);
                if (line.startsWith("READY ")) {
                    return line;
                }
            }
            throw new IllegalStateException("the node process ended before it was ready");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String id() {
        return id;
    }

    long incarnation() {
        return incarnation;
    }

    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder(List.of("kill", signal, Long.toString(process.pid()))).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            thaw();
            killHard();
        }
    }

}
