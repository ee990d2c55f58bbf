package io.gencluster.autoconfigure;

import java.lang.reflect.Type;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.gencluster.membership.ClusterManager;
import io.gencluster.messaging.ClusterListenerRegistrar;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.ClusterPayloadCodec;
import io.gencluster.messaging.ClusterTemplate;
import io.gencluster.messaging.JsonPayloadCodec;
import io.gencluster.messaging.MessagingSettings;
import io.gencluster.transport.ClusterTransport;

/**
 * Messaging over the cluster's links, from {@code gen-cluster.messaging.*}: a
 * {@link ClusterTemplate} to send with, the
 * {@link io.gencluster.messaging.ClusterListener} methods of every bean as handlers, JSON
 * through the application's {@link JsonMapper} unless a {@link ClusterPayloadCodec} bean
 * replaces it. Present whenever the cluster is.
 *
 * @see io.gencluster.messaging.ClusterListener
 */
@AutoConfiguration(after = GenClusterAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClusterConfigured
@ConditionalOnBean(ClusterManager.class)
public final class GenClusterMessagingAutoConfiguration {

    /**
     * The messaging runtime, listening to the cluster manager's links; started before the
     * cluster so that no message is missed.
     */
    @Bean
    @ConditionalOnMissingBean
    public ClusterMessenger clusterMessenger(ClusterManager clusterManager, ClusterTransport transport,
            ObjectProvider<ClusterPayloadCodec> codec, GenClusterProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        GenClusterProperties.Messaging messaging = properties.getMessaging();
        ClusterMessenger messenger = new ClusterMessenger(transport, codec.getIfAvailable(NoJsonCodec::new),
                new MessagingSettings(messaging.getRequestTimeout(), messaging.getInboundQueuePerTopic(),
                        messaging.getHandlerThreads(), messaging.getMaxPendingRequests()),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        clusterManager.addLinkListener(messenger);
        return messenger;
    }

    /** What applications send with. */
    @Bean
    @ConditionalOnMissingBean
    public ClusterTemplate clusterTemplate(ClusterMessenger clusterMessenger) {
        return new ClusterTemplate(clusterMessenger);
    }

    /**
     * Makes every bean's {@code @ClusterListener} methods the handlers of their topics.
     */
    @Bean
    public static ClusterListenerRegistrar clusterListenerRegistrar() {
        return new ClusterListenerRegistrar();
    }

    /** JSON through the application's Jackson 3 mapper, when Jackson is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JsonCodecConfiguration {

        @Bean
        @ConditionalOnMissingBean(ClusterPayloadCodec.class)
        JsonPayloadCodec clusterPayloadCodec(ObjectProvider<JsonMapper> mapper) {
            return new JsonPayloadCodec(mapper.getIfUnique(JsonMapper::new));
        }

    }

    /**
     * Without Jackson and without a codec bean: {@code byte[]} and {@code String}
     * payloads still travel (they never reach a codec); anything else fails naming the
     * fix.
     */
    private static final class NoJsonCodec implements ClusterPayloadCodec {

        private static final String FIX = "no ClusterPayloadCodec: add Jackson 3 (tools.jackson.core:jackson-databind)"
                + " or a ClusterPayloadCodec bean, or send byte[] or String";

        @Override
        public byte[] encode(Object payload) {
            throw new IllegalStateException(FIX);
        }

        @Override
        public Object decode(byte[] bytes, Type type) {
            throw new IllegalStateException(FIX);
        }

    }

}
