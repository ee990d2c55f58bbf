package io.gencluster.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Checks the {@code gen-cluster.*} properties at start, whether or not they turn the
 * cluster on: a property set while the cluster stays off, or a key no property has, is
 * logged as one warning.
 */
@AutoConfiguration(after = GenClusterAutoConfiguration.class)
public final class GenClusterConfigurationCheckAutoConfiguration {

    /** The check, run once every singleton exists. */
    @Bean
    GenClusterConfigurationCheck genClusterConfigurationCheck(Environment environment, ListableBeanFactory beans) {
        return new GenClusterConfigurationCheck(environment, beans);
    }

}
