package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/** An EventBridge event (a schedule or a custom event): the input is its {@code detail}, the delivery key its {@code id}. */
@Singleton
public final class EventBridgeTrigger implements Trigger {

    private final IdempotentRunner runner;

    /** Creates the trigger. */
    public EventBridgeTrigger(IdempotentRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "eventbridge";
    }

    @Override
    public boolean recognises(JsonNode event) {
        return event.isObject() && event.get("detail-type") != null && event.get("source") != null;
    }

    @Override
    public byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        JsonNode id = event.get("id");
        // The detail-type names EventBridge's event, not the sender's: it is not the delivery's event name.
        Delivery delivery = new Delivery(null, id != null && id.isString() ? id.getStringValue() : null);
        return runner.run(action, event.get("detail"), deadline, delivery).json();
    }
}
