package io.gencluster.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gencluster.ClusterEvent;
import io.gencluster.membership.ClusterManager;

/**
 * One node in the test JVM as a user runs it: a Spring Boot application with gen-cluster
 * configured by properties, its transport on 127.0.0.1 with a random port and the
 * {@link TestCookies#SHARED shared cookie}. With {@link Builder#web()} it also serves the
 * actuator on a random port, and this class is its HTTP client.
 *
 * <pre>{@code
 * try (TestApplication a = TestApplication.named("a").web().staticNodes("127.0.0.1:" + freePort()).start();
 *         TestApplication b = TestApplication.named("b").staticNodes(a.clusterAddress()).start()) {
 *     await().until(() -> a.manager().members().size() == 1);
 * }
 * }</pre>
 */
public final class TestApplication implements AutoCloseable {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final JsonMapper json = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;

    private TestApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A node to be started with this node name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * A port on 127.0.0.1 that nobody listens on now: a seed that refuses, or a port to
     * bind later.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Whether nobody listens on the port on any address: a cluster that is off opened
     * nothing.
     */
    public static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Whether every node has all the others as members. */
    public static boolean fullyMeshed(List<TestApplication> nodes) {
        return nodes.stream().allMatch(node -> node.manager().members().size() == nodes.size() - 1);
    }

    /** A bean of this node's application. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ClusterManager manager() {
        return context.getBean(ClusterManager.class);
    }

    public MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    /** Every cluster event this node published, in order. */
    public List<ClusterEvent> events() {
        return context.getBean(NodeApplication.EventLog.class).events;
    }

    /** This node's id, {@code name@host:port}. */
    public String id() {
        return manager().self().id();
    }

    /**
     * This node's cluster address, {@code name@host:port}, as another node's static list
     * names it.
     */
    public String clusterAddress() {
        return manager().self().address().toString();
    }

    /** The port of this node's web server. */
    public int webPort() {
        return Integer.parseInt(uri("/").getPort() + "");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** The JSON of a GET that answered 200. */
    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        return json.readTree(body);
    }

    public static String pretty(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** A path part for a member id (ids hold '@' and ':'). */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }

    private URI uri(String path) {
        String port = context.getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("this node was started without web()");
        }
        return URI.create("http://127.0.0.1:" + port + path);
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

    /**
     * What a node starts with; later properties win over the defaults and over earlier
     * ones.
     */
    public static final class Builder {

        private final String name;

        private final List<String> properties = new ArrayList<>();

        private final List<Class<?>> sources = new ArrayList<>(List.of(NodeApplication.class));

        private boolean web;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Serves the actuator's {@code cluster}, {@code health} and {@code metrics}
         * endpoints on a random port.
         */
        public Builder web() {
            this.web = true;
            return this;
        }

        /** Static discovery of these {@code host:port} addresses. */
        public Builder staticNodes(String... addresses) {
            return properties("gen-cluster.discovery.strategy=static",
                    "gen-cluster.discovery.static.nodes=" + String.join(",", addresses));
        }

        /** More configuration classes of the application, such as a controller. */
        public Builder with(Class<?>... configurations) {
            this.sources.addAll(List.of(configurations));
            return this;
        }

        /**
         * More {@code property=value} pairs, such as
         * {@code gen-cluster.refresh-interval=500ms}.
         */
        public Builder properties(String... properties) {
            this.properties.addAll(List.of(properties));
            return this;
        }

        public TestApplication start() {
            List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "spring.jmx.enabled=false",
                    "gen-cluster.node-name=" + name, "gen-cluster.transport.bind-address=127.0.0.1",
                    "gen-cluster.transport.port=0", "gen-cluster.transport.cookie=" + TestCookies.SHARED,
                    "gen-cluster.transport.heartbeat-interval=200ms", "gen-cluster.transport.heartbeat-timeout=3s"));
            if (web) {
                all.addAll(List.of("server.address=127.0.0.1", "server.port=0",
                        "management.endpoints.web.exposure.include=cluster,health,metrics",
                        "management.endpoint.health.show-details=always"));
            }
            all.addAll(properties);
            return new TestApplication(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run());
        }

    }

    /**
     * The application a user would write: auto-configuration only, plus a log of the
     * cluster events.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class NodeApplication {

        @Bean
        EventLog eventLog() {
            return new EventLog();
        }

        static class EventLog implements ApplicationListener<ClusterEvent> {

            final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

            @Override
            public void onApplicationEvent(ClusterEvent event) {
                events.add(event);
            }

        }

    }

}
