package io.gencluster.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code gen-cluster.discovery.strategy} includes one strategy, written as
 * users write it.
 */
abstract class StrategyCondition extends SpringBootCondition {

    private final String strategy;

    StrategyCondition(String strategy) {
        this.strategy = strategy;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> strategies = Binder.get(context.getEnvironment())
            .bind("gen-cluster.discovery.strategy", Bindable.listOf(String.class))
            .orElse(List.of());
        boolean included = strategies.stream()
            .anyMatch(candidate -> candidate.strip().toLowerCase(Locale.ROOT).replace('_', '-').equals(strategy));
        return included ? ConditionOutcome.match("gen-cluster.discovery.strategy includes " + strategy)
                : ConditionOutcome.noMatch("gen-cluster.discovery.strategy does not include " + strategy);
    }

}
