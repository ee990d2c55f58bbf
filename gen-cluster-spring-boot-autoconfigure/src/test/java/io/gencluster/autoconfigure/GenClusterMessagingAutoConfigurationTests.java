package io.gencluster.autoconfigure;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gencluster.messaging.ClusterListener;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.ClusterPayloadCodec;
import io.gencluster.messaging.ClusterTemplate;
import io.gencluster.messaging.JsonPayloadCodec;
import io.gencluster.messaging.MessagingSettings;
import io.gencluster.testsupport.TestCookies;

import static org.assertj.core.api.Assertions.assertThat;

class GenClusterMessagingAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(GenClusterAutoConfiguration.class, GenClusterMessagingAutoConfiguration.class))
        .withPropertyValues("gen-cluster.transport.port=0", "gen-cluster.transport.bind-address=127.0.0.1",
                "gen-cluster.transport.cookie=" + TestCookies.SHARED);

    private final ApplicationContextRunner cluster = contextRunner
        .withPropertyValues("gen-cluster.discovery.strategy=static", "gen-cluster.discovery.static.nodes=127.0.0.1:1");

    @Test
    void offersATemplateWithJsonWhenTheClusterIsConfigured() {
        cluster.run(context -> {
            assertThat(context).hasSingleBean(ClusterTemplate.class);
            assertThat(context).getBean(ClusterPayloadCodec.class).isInstanceOf(JsonPayloadCodec.class);
        });
    }

    @Test
    void isAbsentWhenTheClusterIsNotConfigured() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ClusterTemplate.class);
            assertThat(context).doesNotHaveBean(ClusterMessenger.class);
        });
    }

    @Test
    void aCodecBeanReplacesJson() {
        cluster.withUserConfiguration(OwnCodec.class)
            .run(context -> assertThat(context).getBean(ClusterPayloadCodec.class).isInstanceOf(TextCodec.class));
    }

    @Test
    void readsTheMessagingProperties() {
        cluster
            .withPropertyValues("gen-cluster.messaging.request-timeout=750ms",
                    "gen-cluster.messaging.inbound-queue-per-topic=7", "gen-cluster.messaging.handler-threads=3",
                    "gen-cluster.messaging.max-pending-requests=11")
            .run(context -> assertThat(context.getBean(ClusterMessenger.class).settings())
                .isEqualTo(new MessagingSettings(Duration.ofMillis(750), 7, 3, 11)));
    }

    @Test
    void twoHandlersOfOneTopicFailTheStartNamingBoth() {
        cluster.withUserConfiguration(TwoHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("Two @ClusterListener methods handle cluster topic 'orders'")
                .hasMessageContaining("First.take")
                .hasMessageContaining("Second.take")
                .hasMessageContaining("rename one of the topics");
        });
    }

    @Test
    void aHandlerWithTooManyParametersFailsTheStart() {
        cluster.withUserConfiguration(BadHandler.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("must take one payload parameter and optionally a ClusterNode");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCodec {

        @Bean
        TextCodec textCodec() {
            return new TextCodec();
        }

    }

    static class TextCodec implements ClusterPayloadCodec {

        @Override
        public byte[] encode(Object payload) {
            return payload.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes, Type type) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoHandlers {

        @Bean
        First first() {
            return new First();
        }

        @Bean
        Second second() {
            return new Second();
        }

    }

    static class First {

        @ClusterListener("orders")
        void take(String order) {
        }

    }

    static class Second {

        @ClusterListener("orders")
        void take(String order) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BadHandler {

        @Bean
        Object bad() {
            return new Object() {
                @ClusterListener("bad")
                void take(String a, String b, Duration c) {
                }
            };
        }

    }

}
