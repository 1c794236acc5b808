package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.IndeterminateException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action for one delivery: a changing action with a delivery key runs at most once per key while the
 * idempotency table is configured, a repeat returning the first output.
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

    /** Runs {@code action} on {@code input}, once per {@code key} for a changing action, and returns its output. */
    public byte[] run(Action<?, ?> action, JsonNode input, Deadline deadline, @Nullable String key) {
        Optional<IdempotencyStore> store = key != null && action.effect() == Action.Effect.WRITE
                ? idempotency.find(null) : Optional.empty();
        if (store.isEmpty()) {
            return invoker.invoke(action, input, deadline);
        }
        String scoped = action.name() + "#" + key;
        Optional<byte[]> previous = store.get().begin(scoped);
        if (previous.isPresent()) {
            LOG.info("{}: delivery {} already ran; returning its result", action.name(), key);
            return previous.get();
        }
        byte[] output;
        try {
            output = invoker.invoke(action, input, deadline);
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
