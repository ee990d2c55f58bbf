package io.gencluster.autoconfigure;

/** Matches when {@code gen-cluster.discovery.strategy} includes {@code dns}. */
class OnDnsDiscoveryCondition extends StrategyCondition {

    OnDnsDiscoveryCondition() {
        super("dns");
    }

}
