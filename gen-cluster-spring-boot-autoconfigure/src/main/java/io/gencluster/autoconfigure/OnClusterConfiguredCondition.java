package io.gencluster.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.gencluster.discovery.DiscoveryStrategy;

/**
 * gen_cluster's supervisor starts no child without configuration; likewise gen-cluster
 * wires nothing (and opens no port) unless {@code gen-cluster.discovery.strategy} is set
 * or the application declares a {@link DiscoveryStrategy} bean, and
 * {@code gen-cluster.enabled} is not false.
 */
class OnClusterConfiguredCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        if (!binder.bind("gen-cluster.enabled", Boolean.class).orElse(true)) {
            return ConditionOutcome.noMatch("gen-cluster.enabled is false");
        }
        List<String> strategies = binder.bind("gen-cluster.discovery.strategy", Bindable.listOf(String.class))
            .orElse(List.of());
        if (!strategies.isEmpty()) {
            return ConditionOutcome.match("gen-cluster.discovery.strategy is " + strategies);
        }
        if (context.getBeanFactory() != null
                && context.getBeanFactory().getBeanNamesForType(DiscoveryStrategy.class, true, false).length > 0) {
            return ConditionOutcome.match("a DiscoveryStrategy bean exists");
        }
        return ConditionOutcome.noMatch("neither gen-cluster.discovery.strategy nor a DiscoveryStrategy bean");
    }

}
