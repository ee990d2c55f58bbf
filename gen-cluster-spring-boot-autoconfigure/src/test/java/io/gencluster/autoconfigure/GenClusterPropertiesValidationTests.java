package io.gencluster.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.transport.ClusterTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class GenClusterPropertiesValidationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GenClusterAutoConfiguration.class))
        .withBean(ClusterTransport.class, InProcessTransport::new)
        .withPropertyValues("gen-cluster.discovery.strategy=static", "gen-cluster.discovery.static.nodes=10.0.0.1");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    gen-cluster.refresh-interval              | soon        | use a duration such as 5s, 500ms or PT1M, or 'infinity'
                    gen-cluster.refresh-interval              | 0s          | the refresh interval must be positive
                    gen-cluster.node-name                     | a@b         | without '@', ':' or white space
                    gen-cluster.discovery.strategy            | consul      | consul
                    gen-cluster.discovery.static.nodes        | h:99999     | port '99999' is not a number from 1 to 65535
                    gen-cluster.discovery.static.nodes        | ''          | must list at least one node
                    gen-cluster.transport.port                | 70000       | must be a port from 0 to 65535
                    gen-cluster.transport.port                | -1          | must be a port from 0 to 65535
                    gen-cluster.transport.cookie              | '  '        | must be at least 16 characters
                    gen-cluster.transport.cookie              | c00kie      | openssl rand -base64 32
                    gen-cluster.transport.connect-timeout     | 0s          | must be a positive duration
                    gen-cluster.transport.heartbeat-interval  | -1s         | must be a positive duration
                    gen-cluster.transport.heartbeat-timeout   | 500ms       | must be longer than gen-cluster.transport.heartbeat-interval
                    gen-cluster.transport.heartbeat-timeout   | often       | often
                    gen-cluster.transport.max-frame-size      | 10          | must be at least 8192 bytes
                    gen-cluster.transport.bind-address        | ''          | must be a local address
                    gen-cluster.transport.advertise-host      | '  '        | must name a host, or be left unset
                    gen-cluster.discovery.epmd.port           | 0           | must be a port from 1 to 65535
                    gen-cluster.discovery.dns.lookup-timeout  | 0ms         | must be a positive duration
                    gen-cluster.health.min-members            | -2          | must be 0 or more
                    gen-cluster.join-before-ready             | -1s         | must be 0 (do not wait) or a positive duration
                    gen-cluster.limits.max-pending-peers      | 0           | must be at least 1
                    gen-cluster.limits.max-concurrent-dials   | -1          | must be at least 1
                    gen-cluster.limits.max-announced-addresses | 0          | must be at least 1
                    gen-cluster.limits.announced-networks     | 10.0.0.0/99 | must be an IP network such as 10.0.0.0/8
                    gen-cluster.limits.announced-networks     | intranet    | must be an IP network such as 10.0.0.0/8
                    gen-cluster.discovery.epmd.max-registrations | 0        | must be at least 1
                    gen-cluster.messaging.request-timeout     | 0s          | must be a positive duration
                    gen-cluster.messaging.inbound-queue-per-topic | 0       | must be at least 1
                    gen-cluster.messaging.handler-threads     | 0           | must be at least 1
                    gen-cluster.messaging.max-pending-requests | -5         | must be at least 1
                    gen-cluster.messaging.outbound-high-water-mark | 1KB    | must be at least 64KB
                    gen-cluster.isolation.lost-fraction       | 1           | must be above 0 and below 1
                    gen-cluster.isolation.lost-fraction       | 0           | must be above 0 and below 1
                    gen-cluster.isolation.window              | 0s          | must be a positive duration
                    gen-cluster.flapping.leaves               | 1           | must be at least 2
                    gen-cluster.flapping.window               | 0s          | must be a positive duration
                    gen-cluster.prune-undiscovered-after      | -1s         | must be 0s or a positive duration
                    gen-cluster.prune-undiscovered-after      | 30s         | has no effect unless gen-cluster.prune-undiscovered is true
                    """)
    void rejectsInvalidValueNamingPropertyValueAndFix(String property, String value, String expected) {
        contextRunner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            String message = fullMessage(context.getStartupFailure());
            assertThat(message).contains(expected);
            assertThat(message).contains(lastSegment(property));
        });
    }

    @Test
    void aShortCookieIsRefusedWithoutShowingIt() {
        contextRunner.withPropertyValues("gen-cluster.transport.cookie=guessable").run(context -> {
            assertThat(context).hasFailed();
            assertThat(fullMessage(context.getStartupFailure())).contains("gen-cluster.transport.cookie")
                .contains("GEN_CLUSTER_COOKIE")
                .doesNotContain("guessable");
        });
    }

    @Test
    void rejectsDnsWithoutDomain() {
        contextRunner.withPropertyValues("gen-cluster.discovery.strategy=dns").run(context -> {
            assertThat(context).hasFailed();
            assertThat(fullMessage(context.getStartupFailure())).contains("domain")
                .contains("must name the DNS name to query");
        });
    }

    @Test
    void rejectsAnEpmdHostWithAPort() {
        contextRunner
            .withPropertyValues("gen-cluster.discovery.strategy=epmd", "gen-cluster.discovery.epmd.hosts=db:4369")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(fullMessage(context.getStartupFailure())).contains("gen-cluster.discovery.epmd.hosts[0]")
                    .contains("give a host name or IP address only");
            });
    }

    @Test
    void rejectsEpmdWithoutHosts() {
        contextRunner.withPropertyValues("gen-cluster.discovery.strategy=epmd", "gen-cluster.discovery.epmd.hosts=")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(fullMessage(context.getStartupFailure())).contains("must list at least one host");
            });
    }

    @Test
    void namesThePropertyAndTheDurationAsUsersWriteThem() {
        contextRunner.withPropertyValues("gen-cluster.transport.heartbeat-timeout=500ms").run(context -> {
            assertThat(context).hasFailed();
            assertThat(fullMessage(context.getStartupFailure()))
                .contains("on field 'transport.heartbeat-timeout': rejected value [500ms]")
                .contains("heartbeat-interval (2500ms)")
                .doesNotContain("heartbeatTimeout")
                .doesNotContain("PT");
        });
    }

    @Test
    void theFailureReportShowsPropertyAndValueAsWritten(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(ClusterApplication.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "gen-cluster.discovery.strategy=static",
                    "gen-cluster.discovery.static.nodes=10.0.0.1", "gen-cluster.transport.connect-timeout=0ms",
                    "gen-cluster.health.min-members=-1");
        assertThatException().isThrownBy(application::run);
        assertThat(output).contains("Property: gen-cluster.transport.connect-timeout")
            .contains("Value: \"0s\"")
            .contains("Property: gen-cluster.health.min-members")
            .doesNotContain("connectTimeout")
            .doesNotContain("minMembers")
            .doesNotContain("PT0S");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0.5S   | 500ms
            PT5S     | 5s
            PT90S    | 90s
            PT2H     | 2h
            P1D      | 1d
            PT0.0001S | 100us
            """)
    void showsDurationsInTheirLargestExactUnit(String iso, String shown) {
        assertThat(GenClusterPropertiesValidation.shown(Duration.parse(iso))).isEqualTo(shown);
    }

    private static String lastSegment(String property) {
        return property.substring(property.lastIndexOf('.') + 1);
    }

    static String fullMessage(Throwable failure) {
        StringBuilder message = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            message.append(cause.getMessage()).append('\n');
        }
        return message.toString();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(GenClusterAutoConfiguration.class)
    static class ClusterApplication {

    }

}
