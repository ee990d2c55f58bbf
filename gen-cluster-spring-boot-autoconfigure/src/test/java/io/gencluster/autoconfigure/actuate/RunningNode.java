package io.gencluster.autoconfigure.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gencluster.ClusterEvent;
import io.gencluster.membership.ClusterManager;

/** One node: a {@link NodeApplication} on 127.0.0.1 with random web and cluster ports, and an HTTP client for it. */
final class RunningNode implements AutoCloseable {

    static final String COOKIE = "observability-test-cookie-5f0c2e";

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final JsonMapper json = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;

    private final int webPort;

    private RunningNode(ConfigurableApplicationContext context) {
        this.context = context;
        this.webPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Starts a node.
     *
     * @param name its node name
     * @param properties more properties, such as {@code gen-cluster.discovery.static.nodes=...}
     */
    static RunningNode start(String name, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "server.address=127.0.0.1",
                "server.port=0", "spring.jmx.enabled=false", "gen-cluster.node-name=" + name,
                "gen-cluster.discovery.strategy=static", "gen-cluster.transport.bind-address=127.0.0.1",
                "gen-cluster.transport.port=0", "gen-cluster.transport.cookie=" + COOKIE,
                "gen-cluster.transport.heartbeat-interval=200ms", "gen-cluster.transport.heartbeat-timeout=3s",
                "management.endpoints.web.exposure.include=cluster,health,metrics",
                "management.endpoint.health.show-details=always"));
        all.addAll(List.of(properties));
        return new RunningNode(new SpringApplicationBuilder(NodeApplication.class)
            .properties(all.toArray(String[]::new))
            .run());
    }

    /** A port on 127.0.0.1 that nobody listens on. */
    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    ClusterManager manager() {
        return context.getBean(ClusterManager.class);
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    List<ClusterEvent> events() {
        return context.getBean(NodeApplication.EventLog.class).events;
    }

    /** This node's id, {@code name@127.0.0.1:port}. */
    String id() {
        return manager().self().id();
    }

    /** This node's cluster address, {@code name@127.0.0.1:port}, as another node's static list names it. */
    String clusterAddress() {
        return manager().self().address().toString();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** The JSON of a GET that answered 200. */
    JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        return json.readTree(body);
    }

    static String pretty(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** A path part for a member id (ids hold '@' and ':'). */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    boolean isRunning() {
        return context.isRunning();
    }

    @Override
    public void close() {
        context.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + webPort + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
