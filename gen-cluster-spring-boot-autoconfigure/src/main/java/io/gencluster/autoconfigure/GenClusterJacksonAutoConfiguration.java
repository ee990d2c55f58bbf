package io.gencluster.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JacksonModule;

import io.gencluster.ClusterNode;

/**
 * The JSON of {@link ClusterNode} for controllers that return members: Spring Boot adds
 * every {@link JacksonModule} bean to the {@code JsonMapper} it configures. Stays away
 * when Jackson 3 is not on the class path.
 */
@AutoConfiguration
@ConditionalOnClass(JacksonModule.class)
public final class GenClusterJacksonAutoConfiguration {

    /** The module that writes cluster nodes and node addresses. */
    @Bean
    @ConditionalOnMissingBean
    public ClusterNodeJacksonModule clusterNodeJacksonModule() {
        return new ClusterNodeJacksonModule();
    }

}
