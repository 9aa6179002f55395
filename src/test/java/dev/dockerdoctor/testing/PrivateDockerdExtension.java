package dev.dockerdoctor.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a started default {@link PrivateDockerd} to any test or lifecycle method that declares one, and stops it when
 * that scope ends: a parameter of a test method gets a daemon of its own, a parameter of a static {@code @BeforeAll}
 * method one for the whole class. Tests that need other flags use {@link PrivateDockerd#builder()} in a
 * try-with-resources instead.
 *
 * <pre>{@code
 * @ExtendWith(PrivateDockerdExtension.class)
 * class SomethingIT {
 *     @Test
 *     void shouldSeeContainers(PrivateDockerd docker) { docker.dockerOk("run", ...); }
 * }
 * }</pre>
 */
public final class PrivateDockerdExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PrivateDockerdExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PrivateDockerd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // keyed by this context: a store lookup also sees the parent's values, and a test method must not get
        // the class's daemon. The store closes it when this context, method or class, is done.
        return context.getStore(NS).getOrComputeIfAbsent(context.getUniqueId(), k -> new Held(PrivateDockerd.startDefault()), Held.class).dockerd;
    }

    @SuppressWarnings("deprecation") // CloseableResource for JUnit versions that do not close plain AutoCloseables
    private record Held(PrivateDockerd dockerd) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            dockerd.close();
        }
    }
}
