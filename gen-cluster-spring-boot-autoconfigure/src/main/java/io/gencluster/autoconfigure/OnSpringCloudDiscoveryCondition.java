package io.gencluster.autoconfigure;

/** Matches when {@code gen-cluster.discovery.strategy} includes {@code spring-cloud}. */
class OnSpringCloudDiscoveryCondition extends StrategyCondition {

    OnSpringCloudDiscoveryCondition() {
        super("spring-cloud");
    }

}
