package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/** A direct invocation (the console, the SDK, Step Functions, an EventBridge rule with constant input): the event is the input. */
@Singleton
public final class DirectTrigger implements Trigger {

    private final IdempotentRunner runner;

    /** Creates the trigger. */
    public DirectTrigger(IdempotentRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "direct";
    }

    /** Anything no other trigger claims. */
    @Override
    public boolean recognises(JsonNode event) {
        return true;
    }

    @Override
    public byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        return runner.run(action, event, deadline, Delivery.NONE).json();
    }
}
