package io.gencluster.discovery.epmd;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.gencluster.NodeAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Interoperation with Erlang's own epmd and nodes (Debian package {@code erlang-base}).
 * These tests fail, never skip, when the tools are missing.
 */
class ErlangEpmdInteropTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<Process> processes = new ArrayList<>();

    private final List<EpmdDiscovery> started = new ArrayList<>();

    private final EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

    private int port;

    private InetSocketAddress portMapper;

    @BeforeEach
    void requireErlang() throws IOException {
        for (String tool : List.of("epmd", "erl")) {
            if (!onPath(tool)) {
                fail(tool + " not found: apt-get install -y erlang-base");
            }
        }
        port = EpmdClientTests.freePort();
        portMapper = new InetSocketAddress("127.0.0.1", port);
    }

    @AfterEach
    void stopEverything() throws Exception {
        started.forEach(EpmdDiscovery::stop);
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void ourNodeRegistersWithRealEpmdAsAHiddenGenClusterNode() throws Exception {
        startEpmd();
        EpmdDiscovery node = start("genc", 41001, false);

        assertThat(epmdNames()).contains("name genc at port 41001");
        assertThat(client.portPlease2(portMapper, "genc")).contains(NodeEntry.genCluster("genc", 41001));
        assertThat(node.discover()).containsExactly(new NodeAddress("genc", "app.internal", 41001));
        assertThat(node.runsEmbeddedPortMapper()).isFalse();

        node.stop();

        await().atMost(DEADLINE).until(() -> !epmdNames().contains("name genc"));
    }

    @Test
    void aPlainErlangNodeIsListedButSkipped() throws Exception {
        startEpmd();
        String erlangName = "plain" + ThreadLocalRandom.current().nextInt(1_000_000);
        startErlangNode(erlangName);
        EpmdDiscovery node = start("genc", 41001, false);
        await().atMost(DEADLINE).until(() -> names().contains(erlangName));

        NodeEntry erlang = client.portPlease2(portMapper, erlangName).orElseThrow();
        assertThat(erlang.nodeType()).isEqualTo(NodeEntry.NODE_TYPE_NORMAL);
        assertThat(erlang.isGenCluster()).isFalse();
        assertThat(node.discover()).containsExactly(new NodeAddress("genc", "app.internal", 41001));
    }

    @Test
    void aSecondRegistrationOfTheSameNameWithRealEpmdFails() throws Exception {
        startEpmd();
        start("twin", 41001, false);
        EpmdDiscovery twin = new EpmdDiscovery(List.of("localhost"), port, false, Duration.ofSeconds(2));

        assertThatThrownBy(() -> twin.start(EpmdDiscoveryTests.node("twin", 41002)))
            .isInstanceOf(NodeNameTakenException.class)
            .hasMessage("node name 'twin' is already registered with the port mapper on 127.0.0.1:" + port
                    + ": give each node its own name");
    }

    @Test
    void ourNodeRegistersAgainWhenRealEpmdRestarts() throws Exception {
        Process epmd = startEpmd();
        EpmdDiscovery node = start("genc", 41001, false);

        epmd.destroy();
        assertThat(epmd.waitFor(10, TimeUnit.SECONDS)).isTrue();
        startEpmd();

        await().atMost(DEADLINE).until(() -> names().contains("genc"));
        assertThat(epmdNames()).contains("name genc at port 41001");
        assertThat(node.runsEmbeddedPortMapper()).isFalse();
    }

    @Test
    void erlangToolsAndNodesWorkWithTheEmbeddedPortMapper() throws Exception {
        EpmdDiscovery node = start("genc", 41001, true);
        assertThat(node.runsEmbeddedPortMapper()).isTrue();
        String erlangName = "plain" + ThreadLocalRandom.current().nextInt(1_000_000);

        startErlangNode(erlangName);

        await().atMost(DEADLINE).until(() -> names().contains(erlangName));
        assertThat(epmdNames()).contains("name genc at port 41001").contains("name " + erlangName + " at port ");
        assertThat(node.discover()).containsExactly(new NodeAddress("genc", "app.internal", 41001));
    }

    private EpmdDiscovery start(String name, int transportPort, boolean embedded) throws Exception {
        EpmdDiscovery discovery = new EpmdDiscovery(List.of("localhost"), port, embedded, Duration.ofSeconds(2));
        discovery.start(EpmdDiscoveryTests.node(name, transportPort));
        started.add(discovery);
        return discovery;
    }

    /**
     * Runs {@code epmd -port N} in the foreground, so the test can kill it, and waits
     * until it answers.
     */
    private Process startEpmd() throws IOException {
        Process epmd = launch(List.of("epmd", "-port", Integer.toString(port)), "epmd");
        await().atMost(DEADLINE).ignoreExceptions().until(() -> client.names(portMapper) != null);
        return epmd;
    }

    private void startErlangNode(String name) throws IOException {
        launch(List.of("erl", "-sname", name, "-noshell"), "erl");
    }

    private Process launch(List<String> command, String label) throws IOException {
        Path log = Files.createTempFile("epmd-interop-" + label, ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ERL_EPMD_PORT", Integer.toString(port));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** The names our client lists on the port mapper. */
    private Set<String> names() throws IOException {
        return Set.copyOf(client.names(portMapper).nodes().stream().map(NamesReply.Registered::name).toList());
    }

    /** What Erlang's own {@code epmd -port N -names} prints. */
    private String epmdNames() throws Exception {
        Process names = new ProcessBuilder("epmd", "-port", Integer.toString(port), "-names").redirectErrorStream(true)
            .start();
        if (!names.waitFor(10, TimeUnit.SECONDS)) {
            names.destroyForcibly();
            fail("epmd -names did not finish in 10 s");
        }
        return new String(names.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

}
