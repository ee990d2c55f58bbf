package io.gencluster.systemtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every scenario the one {@link SampleCluster} of the run: built on first use, kept
 * in the root context's store and closed (nodes killed, namespaces deleted) when the
 * whole run ends, whether its tests passed or not. Sharing it saves starting five JVMs
 * per scenario.
 */
final class SharedClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace
        .create(SharedClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SampleCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
            .getStore(STORE)
            .computeIfAbsent(SampleCluster.class, key -> SampleCluster.create(), SampleCluster.class);
    }

}
