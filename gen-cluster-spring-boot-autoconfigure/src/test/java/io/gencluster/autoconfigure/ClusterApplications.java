package io.gencluster.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.gencluster.membership.ClusterManager;

/** Spring Boot applications with gen-cluster in the test JVM, each a node configured by properties; closes them all. */
final class ClusterApplications implements AutoCloseable {

    private final List<ConfigurableApplicationContext> applications = new ArrayList<>();

    /** Starts an application with these {@code property=value} pairs. */
    ConfigurableApplicationContext start(List<String> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Node.class).web(WebApplicationType.NONE)
            .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
        applications.add(context);
        return context;
    }

    List<ConfigurableApplicationContext> all() {
        return List.copyOf(applications);
    }

    /** Whether every application has all the others as members. */
    boolean fullyMeshed() {
        return applications.stream().allMatch(context -> manager(context).members().size() == applications.size() - 1);
    }

    static ClusterManager manager(ConfigurableApplicationContext context) {
        return context.getBean(ClusterManager.class);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        applications.forEach(ConfigurableApplicationContext::close);
        applications.clear();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ SslAutoConfiguration.class, GenClusterAutoConfiguration.class })
    static class Node {
    }
}
