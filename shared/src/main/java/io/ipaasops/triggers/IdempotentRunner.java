package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.telemetry.Invocation;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action for one delivery, with the {@link Delivery} bound: a changing action with a delivery key runs at
 * most once per key while the idempotency table is configured, a repeat returning the first output.
 */
@Singleton
public final class IdempotentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRunner.class);

    private final ActionInvoker invoker;
    private final BeanProvider<IdempotencyStore> idempotency;

    /** Creates the runner; the idempotency table is touched only when a changing action has a delivery key. */
    public IdempotentRunner(ActionInvoker invoker, BeanProvider<IdempotencyStore> idempotency) {
        this.invoker = invoker;
        this.idempotency = idempotency;
    }

    /**
     * Runs {@code action} on {@code input}, once per delivery key for a changing action, and returns its output;
     * every log line meanwhile carries the delivery key.
     */
    public ActionInvoker.Output run(Action<?, ?> action, JsonNode input, Deadline deadline, Delivery delivery) {
        try (Invocation.Scope correlated = Invocation.current().delivery(delivery.id())) {
            return runOnce(action, input, deadline, delivery);
        }
    }

    private ActionInvoker.Output runOnce(Action<?, ?> action, JsonNode input, Deadline deadline, Delivery delivery) {
        String key = delivery.id();
        Optional<IdempotencyStore> store = key != null && action.effect() == Action.Effect.WRITE
                ? idempotency.find(null) : Optional.empty();
        if (store.isEmpty()) {
            return delivery.bind(() -> invoker.answer(action, input, deadline));
        }
        String scoped = action.name() + "#" + key;
        Optional<ActionInvoker.Output> previous = store.get().begin(scoped);
        if (previous.isPresent()) {
            LOG.info("{}: delivery {} already ran; returning its result", action.name(), key);
            return previous.get();
        }
        ActionInvoker.Output output;
        try {
            output = delivery.bind(() -> invoker.answer(action, input, deadline));
        } catch (IndeterminateException e) {
            // Keep the key: a redelivery must not repeat a change that may have applied.
            store.get().unknown(scoped, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            store.get().release(scoped);
            throw e;
        }
        store.get().complete(scoped, output);
        return output;
    }
}
