package io.gencluster.autoconfigure.actuate;

import io.gencluster.actuate.ClusterEndpoint;
import io.gencluster.actuate.ClusterEndpointWebExtension;
import io.gencluster.actuate.ScriptedTransport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.gencluster.membership.ClusterManager;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.transport.ClusterTransport;

import static org.assertj.core.api.Assertions.assertThat;

class GenClusterEndpointAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(GenClusterAutoConfiguration.class, GenClusterEndpointAutoConfiguration.class))
        .withBean(ClusterTransport.class, ScriptedTransport::new)
        .withPropertyValues("gen-cluster.discovery.strategy=static",
                "gen-cluster.discovery.static.nodes=127.0.0.1:4399");

    @Test
    void providesEndpointAndWebExtensionWhenExposedOverHttp() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=cluster").run(context -> {
            assertThat(context).hasSingleBean(ClusterEndpoint.class);
            assertThat(context).hasSingleBean(ClusterEndpointWebExtension.class);
            assertThat(context.getBean(ClusterEndpoint.class).cluster().running()).isTrue();
        });
    }

    @Test
    void providesEndpointWithoutWebExtensionWhenExposedOverJmxOnly() {
        contextRunner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=cluster")
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterEndpoint.class);
                assertThat(context).doesNotHaveBean(ClusterEndpointWebExtension.class);
            });
    }

    @Test
    void providesNoEndpointUnlessExposed() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(ClusterManager.class);
            assertThat(context).doesNotHaveBean(ClusterEndpoint.class);
            assertThat(context).doesNotHaveBean(ClusterEndpointWebExtension.class);
        });
    }

    @Test
    void providesNoEndpointWhenDisabled() {
        contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=cluster",
                    "management.endpoint.cluster.access=NONE")
            .run(context -> assertThat(context).doesNotHaveBean(ClusterEndpoint.class));
    }

    @Test
    void providesNoEndpointWhenTheClusterIsNotConfigured() {
        new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(GenClusterAutoConfiguration.class, GenClusterEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=cluster")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ClusterManager.class);
                assertThat(context).doesNotHaveBean(ClusterEndpoint.class);
            });
    }

    @Test
    void providesNoEndpointWithoutTheActuator() {
        contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=cluster")
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterManager.class);
                assertThat(context).doesNotHaveBean(ClusterEndpoint.class);
            });
    }

    @Test
    void backsOffForTheApplicationsOwnEndpoint() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=cluster")
            .withBean("myClusterEndpoint", ClusterEndpoint.class,
                    () -> new ClusterEndpoint(new ClusterManager(new ScriptedTransport(), java.util.List.of(),
                            io.gencluster.membership.ClusterManagerSettings.defaults(), event -> {
                            })))
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterEndpoint.class);
                assertThat(context).hasBean("myClusterEndpoint");
                assertThat(context).hasSingleBean(ClusterEndpointWebExtension.class);
            });
    }

}
