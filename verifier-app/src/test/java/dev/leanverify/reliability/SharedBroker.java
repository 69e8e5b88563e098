package dev.leanverify.reliability;

import dev.leanverify.testing.EmbeddedStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the in-process scenarios one embedded broker for the whole test run (started on first
 * use, closed with the root context), so that each scenario class does not pay for a broker
 * start. Scenarios keep apart through their own topics and application ids.
 */
public final class SharedBroker implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(EmbeddedStack.class, k -> EmbeddedStack.start(),
                EmbeddedStack.class);
    }
}
