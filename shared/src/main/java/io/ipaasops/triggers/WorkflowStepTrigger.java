package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * A Step Functions task: {@code {"workflowStep": {"key": "<execution>/<state>/<item>", "input": {...}}}}. The key
 * makes the step idempotent: the engine may run a task twice (a retried service error, a timeout after the change
 * applied), and a changing action then returns its first result instead of applying again.
 */
@Singleton
public final class WorkflowStepTrigger implements Trigger {

    private final IdempotentRunner runner;

    /** Creates the trigger. */
    public WorkflowStepTrigger(IdempotentRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "workflow-step";
    }

    @Override
    public boolean recognises(JsonNode event) {
        JsonNode step = event.get("workflowStep");
        return event.size() == 1 && step != null && step.isObject();
    }

    /** Runs the step's input; failures are thrown, so the state machine's Retry and Catch see their type. */
    @Override
    public byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        JsonNode step = event.get("workflowStep");
        JsonNode key = step.get("key");
        String id = key != null && key.isString() && !key.getStringValue().isBlank() ? key.getStringValue() : null;
        return runner.run(action, step.get("input"), deadline, new Delivery(null, id)).json();
    }
}
