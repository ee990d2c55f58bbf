package io.gencluster.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.gencluster.membership.ClusterManager;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.ClusterTransport;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class GenClusterConfigurationCheckTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class,
                ClusterMembershipAutoConfiguration.class, GenClusterConfigurationCheckAutoConfiguration.class))
        .withBean(ClusterTransport.class, InProcessTransport::new);

    @Test
    void aMisspeltStrategyLeavesTheClusterOffWithOneWarningNamingBothKeys(CapturedOutput output) {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.stategy=static", "gen-cluster.discovery.static.nodes=10.0.0.1")
            .run(context -> {
                assertThat(context).doesNotHaveBean(ClusterManager.class);
                assertThat(warnings(output)).singleElement()
                    .asString()
                    .contains("gen-cluster is off")
                    .contains("gen-cluster.discovery.strategy is missing")
                    .contains("Unknown, so ignored: gen-cluster.discovery.stategy")
                    .contains("gen-cluster.enabled=false");
            });
    }

    @Test
    void propertiesWithoutAStrategyAreWarnedAbout(CapturedOutput output) {
        contextRunner.withPropertyValues("gen-cluster.transport.port=4370").run(context -> {
            assertThat(context).doesNotHaveBean(ClusterManager.class);
            assertThat(warnings(output)).singleElement()
                .asString()
                .contains("gen-cluster.discovery.strategy is missing")
                .doesNotContain("Unknown");
        });
    }

    @Test
    void unknownKeysAreWarnedAboutWhenTheClusterIsOn(CapturedOutput output) {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=static", "gen-cluster.discovery.static.nodes=10.0.0.1",
                    "gen-cluster.transport.cookie=" + TestCookies.SHARED, "gen-cluster.transport.heartbeat-timout=5s")
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterManager.class);
                assertThat(warnings(output)).singleElement()
                    .asString()
                    .contains("Unknown, so ignored: gen-cluster.transport.heartbeat-timout")
                    .doesNotContain("is off")
                    .doesNotContain("static.nodes");
            });
    }

    @Test
    void knownKeysInAnySpellingAndListIndexesAreNotWarnedAbout(CapturedOutput output) {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=static",
                    "gen-cluster.discovery.static.nodes[0]=10.0.0.1", "gen-cluster.transport.maxFrameSize=16384",
                    "gen-cluster.transport.cookie=" + TestCookies.SHARED, "gen-cluster.health.min-members=1",
                    "gen-cluster.transport.ssl.bundle=")
            .run(context -> {
                assertThat(context).hasSingleBean(ClusterManager.class);
                assertThat(warnings(output)).isEmpty();
            });
    }

    @Test
    void enabledFalseSilencesTheCheck(CapturedOutput output) {
        contextRunner.withPropertyValues("gen-cluster.enabled=false", "gen-cluster.discovery.stategy=static")
            .run(context -> assertThat(warnings(output)).isEmpty());
    }

    @Test
    void saysNothingWithoutGenClusterProperties(CapturedOutput output) {
        contextRunner.withPropertyValues("spring.application.name=orders")
            .run(context -> assertThat(warnings(output)).isEmpty());
    }

    @Test
    void environmentVariablesCountOnlyWhenTheyNameAProperty(CapturedOutput output) {
        contextRunner
            .withInitializer(context -> context.getEnvironment()
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource("test-systemEnvironment",
                        Map.of("GEN_CLUSTER_COOKIE", "a placeholder's value"))))
            .run(context -> assertThat(warnings(output)).isEmpty());
        contextRunner
            .withInitializer(context -> context.getEnvironment()
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource("test-systemEnvironment",
                        Map.of("GEN_CLUSTER_DISCOVERY_STATIC_NODES", "10.0.0.1"))))
            .run(context -> assertThat(warnings(output)).singleElement()
                .asString()
                .contains("gen-cluster.discovery.strategy is missing"));
    }

    @Test
    void knowsEveryPropertyOfTheConfigurationClass() {
        assertThat(GenClusterConfigurationCheck.knownKeys())
            .contains("enabled", "nodename", "refreshinterval", "discoverystrategy", "discoverystaticnodes",
                    "discoverydnsrecordtype", "discoveryepmdhosts", "transportcookie", "transportmaxframesize",
                    "transportsslbundle", "healthminmembers")
            .doesNotContain("discovery", "transport", "discoverystatic", "discoverystaticaddresses");
    }

    private static List<String> warnings(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains(" WARN ")).toList();
    }

}
