package io.gencluster.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code gen-cluster.discovery.strategy} includes {@code dns}. */
class OnDnsDiscoveryCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> strategies = Binder.get(context.getEnvironment())
            .bind("gen-cluster.discovery.strategy", Bindable.listOf(String.class))
            .orElse(List.of());
        boolean dns = strategies.stream().anyMatch(strategy -> strategy.strip().toLowerCase(Locale.ROOT).equals("dns"));
        return dns ? ConditionOutcome.match("gen-cluster.discovery.strategy includes dns")
                : ConditionOutcome.noMatch("gen-cluster.discovery.strategy does not include dns");
    }
}
