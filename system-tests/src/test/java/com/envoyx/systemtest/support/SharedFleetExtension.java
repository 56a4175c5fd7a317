package com.envoyx.systemtest.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link Fleet} per subclass for every test of the run that uses it (starting one costs
 * ~30 s on two cores), started on first use and closed when the run ends (JUnit closes the root
 * store's values). Each test starts from a whole fleet: {@link Fleet#restore()} brings back
 * whatever an earlier test took away and waits until every replica serves, so tests stay
 * independent of order and of each other's failures. Tests take the fleet as a parameter.
 */
public abstract class SharedFleetExtension implements BeforeEachCallback, ParameterResolver {

    /** The fleet's settings; called once per run. */
    protected abstract Fleet.Options options();

    @Override
    public void beforeEach(ExtensionContext context) {
        fleet(context).restore();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fleet(context);
    }

    private Fleet fleet(ExtensionContext context) {
        ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(getClass());
        return context.getRoot().getStore(namespace).computeIfAbsent(Fleet.class, type -> Fleet.start(options()),
                Fleet.class);
    }
}
